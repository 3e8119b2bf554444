// Draws the conversation. Every piece of text goes in with textContent, so whatever a
// customer or an agent wrote is shown as text. The one exception is `html`: the bot's
// Markdown answer, rendered and escaped by the server (bot/markdown/render.ts).
// Each message appears once: keyed by its id, and the customer's own by the uuid it was
// sent with, whether it comes back in the POST answer, the history or the stream.

const el = (tag, cls, text) => {
  const e = document.createElement(tag)
  if (cls) e.className = cls
  if (text != null) e.textContent = text
  return e
}
const WEB_URL = /^(https?:\/\/|\/(?!\/))/i

export function createLog(list, strings, onButton) {
  const byId = new Map()
  const pending = new Map() // client uuid → <li> not yet confirmed by the server

  const who = (m) => (m.from === 'agent' ? m.name || strings['webchat.agent'] : strings[`webchat.${m.from === 'customer' ? 'you' : m.from}`])

  function body(li, m) {
    li.replaceChildren(el('span', 'who', who(m)))
    const bubble = el('div', 'bubble')
    if (m.html) {
      const rich = el('div', 'text rich')
      rich.innerHTML = m.html
      bubble.append(rich)
    } else bubble.append(el('p', 'text', m.text))
    for (const l of m.links ?? []) {
      if (!WEB_URL.test(l.url)) continue
      const a = el('a', 'link', l.title || l.url)
      a.href = l.url
      a.target = '_blank'
      a.rel = 'noopener noreferrer'
      bubble.append(a)
    }
    for (const src of m.images ?? []) {
      if (!WEB_URL.test(src)) continue
      const img = el('img', 'image')
      img.src = src
      img.alt = ''
      img.loading = 'lazy'
      bubble.append(img)
    }
    li.append(bubble)
    if (m.buttons?.length) {
      const row = el('div', 'buttons')
      for (const b of m.buttons) {
        const btn = el('button', 'option', b.label)
        btn.type = 'button'
        btn.dataset.payload = b.payload
        btn.addEventListener('click', () => {
          row.dataset.used = '1'
          onButton(b)
        })
        row.append(btn)
      }
      li.append(row)
    }
  }

  /** Keep messages in id order; unconfirmed ones stay at the end; the page's welcome stays first. */
  function place(li, id) {
    let before = null
    for (let n = list.lastElementChild; n; n = n.previousElementSibling) {
      const nid = Number(n.dataset.id)
      if ('welcome' in n.dataset || (n.dataset.id && nid < id)) break
      before = n
    }
    list.insertBefore(li, before)
  }

  /**
   * Buttons answer the newest offer only: once the customer has written after it, or the bot
   * has offered something else, older buttons (whose "option 2" now means something else)
   * are switched off. "Leave the queue" means something only while waiting.
   */
  let status = null
  function refreshOptions() {
    let live = null
    for (let n = list.lastElementChild; n && n.dataset.from !== 'customer'; n = n.previousElementSibling) {
      if (n.querySelector('button.option')) {
        live = n
        break
      }
    }
    for (const b of list.querySelectorAll('button.option')) {
      const stale = b.dataset.payload === 'leave-queue' && status !== 'waiting'
      b.disabled = b.closest('li') !== live || b.parentElement.dataset.used === '1' || stale
    }
  }

  function scroll() {
    list.scrollTop = list.scrollHeight
  }

  return {
    /** A message from the server (POST answer, history or stream). Returns true when new. */
    add(m) {
      if (byId.has(m.id)) return false
      let li = m.clientId ? pending.get(m.clientId) : null
      if (li) pending.delete(m.clientId)
      else li = el('li')
      li.className = `msg msg-${m.from}`
      li.dataset.id = String(m.id)
      li.dataset.from = m.from
      if (m.kind) li.dataset.kind = m.kind
      body(li, m)
      byId.set(m.id, li)
      place(li, m.id)
      refreshOptions()
      scroll()
      return true
    },
    /** The customer's message, shown at once while it is on its way. */
    addPending(clientId, text) {
      const li = el('li', 'msg msg-customer pending')
      li.dataset.from = 'customer'
      li.dataset.clientId = clientId
      body(li, { from: 'customer', text })
      li.append(el('span', 'note', strings['webchat.sending']))
      pending.set(clientId, li)
      list.append(li)
      refreshOptions()
      scroll()
    },
    /** Sending gave up: say so, and let a tap resend it under the same id. */
    markFailed(clientId, retry) {
      const li = pending.get(clientId)
      if (!li) return
      li.classList.replace('pending', 'failed')
      const note = el('button', 'note retry', strings['webchat.failed'])
      note.type = 'button'
      note.addEventListener('click', () => {
        li.classList.replace('failed', 'pending')
        note.replaceWith(el('span', 'note', strings['webchat.sending']))
        retry()
      })
      li.querySelector('.note')?.replaceWith(note)
    },
    /** The conversation's status (bot, waiting, agent, closed), for buttons that depend on it. */
    setStatus(s) {
      status = s
      refreshOptions()
    },
    /** A refused message (empty, too long) is not part of the conversation. */
    drop(clientId) {
      pending.get(clientId)?.remove()
      pending.delete(clientId)
      for (const row of list.querySelectorAll('.buttons[data-used="1"]')) delete row.dataset.used
      refreshOptions()
    },
  }
}
