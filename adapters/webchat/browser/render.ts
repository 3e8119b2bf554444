// Draws the conversation. Every piece of text goes in as text (el()), so whatever a customer
// or an agent wrote is shown as text. The one exception is `html`: the bot's Markdown answer,
// rendered and escaped by the server (bot/markdown/render.ts).
// Each message appears once: keyed by its id, and the customer's own by the uuid it was
// sent with, whether it comes back in the POST answer, the history or the stream.
import { el } from '../../../bot/http/browser/dom.ts'
import type { Strings } from '../../../bot/http/browser/strings.ts'
import { isWebUrl } from '../webUrl.ts'
import type { ChatButton, ConversationStatus, ShownMessage, WidgetMessage } from './types.ts'

/** `fileUrl` adds the visitor's token to a stored file's URL (an <img> cannot send a header). */
export function createLog(list: HTMLOListElement, strings: Strings, onButton: (b: ChatButton) => void, fileUrl: (url: string) => string = (u) => u) {
  const byId = new Map<number, HTMLLIElement>()
  const pending = new Map<string, HTMLLIElement>() // client uuid → <li> not yet confirmed by the server
  const confirmed = new Set<string>() // client uuids the server has confirmed (answer, history or stream)

  const who = (m: ShownMessage) => (m.from === 'agent' ? m.name || strings['webchat.agent'] : strings[`webchat.${m.from === 'customer' ? 'you' : m.from}`])

  function text(m: ShownMessage) {
    if (!m.html) return el('p', { class: 'text' }, m.text)
    const rich = el('div', { class: 'text rich' })
    rich.innerHTML = m.html
    return rich
  }

  function body(li: HTMLLIElement, m: ShownMessage) {
    const links = (m.links ?? []).filter((l) => isWebUrl(l.url))
    const images = (m.images ?? []).filter(isWebUrl)
    li.replaceChildren(
      el('span', { class: 'who' }, who(m)),
      el(
        'div',
        { class: 'bubble' },
        text(m),
        links.map((l) => el('a', { class: 'link', href: l.url, target: '_blank', rel: 'noopener noreferrer' }, l.title || l.url)),
        images.map((src) => el('img', { class: 'image', src, alt: '', loading: 'lazy' })),
        m.file?.image ? el('img', { class: 'image', src: fileUrl(m.file.url), alt: m.file.name ?? '', 'data-testid': 'chat-file-image' }) : null,
        m.file && !m.file.image ? el('a', { class: 'link', href: fileUrl(m.file.url), download: m.file.name ?? '' }, `📎 ${m.file.name ?? ''}`) : null,
      ),
    )
    if (m.buttons?.length) {
      const row = el('div', { class: 'buttons' })
      const pick = (b: ChatButton) => () => {
        row.dataset.used = '1'
        onButton(b)
      }
      row.append(...m.buttons.map((b) => el('button', { type: 'button', class: 'option', 'data-payload': b.payload, onclick: pick(b) }, b.label)))
      li.append(row)
    }
  }

  /** Keep messages in id order; unconfirmed ones stay at the end; the page's welcome stays first. */
  function place(li: HTMLLIElement, id: number) {
    let before: Element | null = null
    for (let n = list.lastElementChild as HTMLElement | null; n; n = n.previousElementSibling as HTMLElement | null) {
      if ('welcome' in n.dataset || (n.dataset.id && Number(n.dataset.id) < id)) break
      before = n
    }
    list.insertBefore(li, before)
  }

  /**
   * Buttons answer the newest offer only: once the customer has written after it, or the bot
   * has offered something else, older buttons (whose "option 2" now means something else)
   * are switched off. "Leave the queue" means something only while waiting.
   */
  let status: ConversationStatus = null
  function refreshOptions() {
    let live: Element | null = null
    for (let n = list.lastElementChild as HTMLElement | null; n && n.dataset.from !== 'customer'; n = n.previousElementSibling as HTMLElement | null) {
      if (n.querySelector('button.option')) {
        live = n
        break
      }
    }
    for (const b of list.querySelectorAll<HTMLButtonElement>('button.option')) {
      const stale = b.dataset.payload === 'leave-queue' && status !== 'waiting'
      b.disabled = b.closest('li') !== live || b.parentElement?.dataset.used === '1' || stale
    }
  }

  function scroll() {
    list.scrollTop = list.scrollHeight
  }

  return {
    /** A message from the server (POST answer, history or stream). Returns true when new. */
    add(m: WidgetMessage) {
      if (byId.has(m.id)) {
        // Already drawn (a resend the server had stored): the copy waiting to be confirmed goes.
        const twin = m.clientId ? pending.get(m.clientId) : undefined
        if (twin) twin.remove(), pending.delete(m.clientId!)
        return false
      }
      let li = m.clientId ? pending.get(m.clientId) : undefined
      if (li) pending.delete(m.clientId!)
      else li = el('li')
      li.className = `msg msg-${m.from}`
      li.dataset.id = String(m.id)
      li.dataset.from = m.from
      if (m.kind) li.dataset.kind = m.kind
      body(li, m)
      byId.set(m.id, li)
      if (m.clientId) confirmed.add(m.clientId)
      place(li, m.id)
      refreshOptions()
      scroll()
      return true
    },
    /** The customer's message, shown at once while it is on its way. */
    addPending(clientId: string, text: string) {
      const li = el('li', { class: 'msg msg-customer pending', 'data-from': 'customer', 'data-client-id': clientId })
      body(li, { from: 'customer', text })
      li.append(el('span', { class: 'note' }, strings['webchat.sending']))
      pending.set(clientId, li)
      list.append(li)
      refreshOptions()
      scroll()
    },
    /** Not sent yet (kept in the outbox, sent when the connection is back): say so, and let a tap resend it now under the same id. */
    markFailed(clientId: string, retry: () => void) {
      const li = pending.get(clientId)
      if (!li) return
      li.classList.replace('pending', 'failed')
      const note = el('button', { type: 'button', class: 'note retry' }, strings['webchat.queued'])
      note.addEventListener('click', () => {
        li.classList.replace('failed', 'pending')
        note.replaceWith(el('span', { class: 'note' }, strings['webchat.sending']))
        retry()
      })
      li.querySelector('.note')?.replaceWith(note)
    },
    /** The server already has the customer's message sent under this uuid. */
    isConfirmed: (clientId: string) => confirmed.has(clientId),
    /** The conversation's status (bot, waiting, agent, closed), for buttons that depend on it. */
    setStatus(s: ConversationStatus) {
      status = s
      refreshOptions()
    },
    /** A refused message (empty, too long) is not part of the conversation. */
    drop(clientId: string) {
      pending.get(clientId)?.remove()
      pending.delete(clientId)
      for (const row of list.querySelectorAll<HTMLElement>('.buttons[data-used="1"]')) delete row.dataset.used
      refreshOptions()
    },
  }
}
