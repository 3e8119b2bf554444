// The open conversation in the agent console: header with the actions this agent may
// take, the messages, suggested replies and the reply box, and the side panel (hand-off summary, customer,
// past conversations). Customer text only ever enters the page as text, never as HTML.
import { render } from 'hono/jsx/dom'
import { el } from '../../../bot/http/browser/dom.ts'
import { shortTime, type ConsoleApp } from './context.ts'
import { mediaNode } from './mediaView.ts'
import { replyBox } from './replyBox.ts'
import { SidePanel } from './sidePanel.tsx'
import { suggestionsBar } from './suggestions.ts'
import { transferDialog } from './transferDialog.ts'
import type { ConsoleMessage, Detail } from './types.ts'

export function conversationView(app: ConsoleApp) {
  const { t } = app
  let current: Detail | null = null

  const sender = (m: ConsoleMessage) => (m.senderType === 'agent' ? m.senderName || t('console.sender.agent') : t(`console.sender.${m.senderType}`))
  const messageNode = (m: ConsoleMessage) =>
    el(
      'li',
      { class: `msg ${m.senderType}${m.isPrivate ? ' private' : ''}`, 'data-id': m.id, 'data-testid': 'message' },
      el('div', { class: 'meta' }, m.isPrivate ? `${t('console.note')} · ${sender(m)}` : sender(m), ` · ${shortTime(app, m.createdAt)}`),
      el('div', { class: 'text' }, m.text),
      mediaNode(m.parts?.media, t),
      m.parts?.buttons?.length
        ? el(
            'div',
            { class: 'chips' },
            m.parts.buttons.map((b) => el('span', { class: 'chip' }, b.label)),
          )
        : null,
    )

  function actions(d: Detail) {
    const c = d.conversation
    const mine = c.status === 'agent' && (c.assigneeId === app.me || app.supervisor)
    const post = (verb: string, body?: unknown) => () => void app.act(c.id, verb, body)
    const button = (label: string, onclick: () => void, attrs: Record<string, string> = {}) =>
      el('button', { type: 'button', class: 'secondary', ...attrs, onclick }, label)
    const out: HTMLElement[] = []
    if (c.status === 'waiting') out.push(el('button', { type: 'button', 'data-testid': 'accept', onclick: post('accept') }, t('console.accept')))
    if (app.supervisor && c.status !== 'closed') {
      const pick = el(
        'select',
        { 'aria-label': t('console.assign'), 'data-testid': 'assign-agent' },
        el('option', { value: '' }, t('console.assign')),
        app
          .agents()
          .filter((a) => a.id !== c.assigneeId)
          .map((a) => el('option', { value: a.id }, `${a.displayName} · ${t(`console.presence.${a.status}`)} · ${t('console.load', { load: a.load })}`)),
      )
      out.push(
        el(
          'span',
          { class: 'group' },
          pick,
          button(t('console.assign.do'), () => pick.value && post('assign', { agentId: Number(pick.value) })()),
        ),
      )
    }
    if (mine) {
      out.push(button(t('console.transfer'), () => transferDialog(app, c.id), { 'data-testid': 'transfer' }))
      out.push(button(t('console.return'), post('return'), { 'data-testid': 'return' }))
    }
    if (c.status !== 'closed' && (c.status !== 'agent' || mine)) {
      out.push(button(t('console.close'), () => window.confirm(t('console.close.confirm')) && post('close')(), { 'data-testid': 'close' }))
    }
    return el('div', { class: 'actions' }, out)
  }

  const replyField = () => document.getElementById('reply') as HTMLTextAreaElement | null
  const privateBox = () => app.view.querySelector<HTMLInputElement>('[data-testid=private]')

  return {
    get id() {
      return current?.conversation.id ?? null
    },
    render(d: Detail) {
      const draft = current?.conversation.id === d.conversation.id ? replyField() : null
      // The draft survives a re-render — and so must "private note": a note typed as private
      // and sent after a live update re-drew the box would otherwise go to the customer.
      const keep = draft && { value: draft.value, focused: document.activeElement === draft, private: privateBox()?.checked }
      current = d
      const c = d.conversation
      const name = d.customer.displayName
      const status = `${t(`console.status.${c.status}`)}${c.assigneeName ? ` · ${t('console.handledBy', { name: c.assigneeName })}` : ''}`
      const messages = el('ol', { class: 'messages', 'data-testid': 'messages' }, d.messages.map(messageNode))
      const main = el(
        'div',
        { class: 'conv-main' },
        el(
          'header',
          { class: 'conv-head' },
          el('h2', { 'data-testid': 'customer-name' }, name, d.customer.tier === 'vip' ? el('span', { class: 'badge vip' }, t('console.vip')) : null),
          el('p', { class: 'muted', 'data-testid': 'conv-status' }, `#${c.id} · ${c.channel} · ${status}`),
          actions(d),
        ),
        messages,
        c.status !== 'closed' ? suggestionsBar(app, c.id, d.messages) : null,
        c.status !== 'closed' || app.supervisor ? replyBox(app, c.id) : null,
      )
      const side = el('aside', { class: 'conv-side' })
      render(SidePanel({ app, d }), side)
      app.view.replaceChildren(main, side)
      messages.scrollTop = messages.scrollHeight
      const box = replyField()
      if (keep && box) {
        box.value = keep.value
        if (keep.focused) box.focus()
      }
      const priv = privateBox()
      if (keep?.private && priv) {
        priv.checked = true
        priv.dispatchEvent(new Event('change'))
      }
    },
    append(m: ConsoleMessage) {
      if (!current || m.conversationId !== current.conversation.id) return
      const list = app.view.querySelector('.messages')
      if (!list || list.querySelector(`[data-id="${m.id}"]`)) return
      list.append(messageNode(m))
      list.scrollTop = list.scrollHeight
    },
  }
}

export type ConversationView = ReturnType<typeof conversationView>
