/**
 * The reply box: Enter sends, Shift+Enter breaks the line; "/shortcut" offers canned
 * replies (Tab completes); "private note" turns the message into a note only staff see;
 * 📎 sends the customer a photo or file (the console's upload route; refused ones say why).
 */
import { ApiError, send as sendBody } from '../../../bot/http/browser/api.ts'
import { SHORTCUT_TYPING } from '../../../bot/handoff/cannedShortcut.ts'
import { el } from '../../../bot/http/browser/dom.ts'
import type { ConsoleApp } from './context.ts'

export function replyBox(app: ConsoleApp, conversationId: number) {
  const { t } = app
  const text = el('textarea', {
    id: 'reply',
    rows: 3,
    maxlength: 4000,
    placeholder: t('console.reply.placeholder'),
    'aria-label': t('console.reply.send'),
    'data-testid': 'reply',
  })
  const priv = el('input', { type: 'checkbox', 'data-testid': 'private' })
  const send = el('button', { type: 'submit', 'data-testid': 'send' }, t('console.reply.send'))
  const hints = el('ul', { class: 'canned-hints', hidden: true })
  const file = el('input', { type: 'file', accept: 'image/*,application/pdf,video/mp4,.zip', 'data-testid': 'attach', 'aria-label': t('console.reply.attach') })
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0]
    if (!chosen) return
    file.value = ''
    try {
      const url = `/api/v1/console/conversations/${conversationId}/upload?name=${encodeURIComponent(chosen.name)}`
      await sendBody('POST', url, chosen, chosen.type || 'application/octet-stream')
      app.open(conversationId)
    } catch (err) {
      window.alert(err instanceof ApiError ? err.message : String(err))
    }
  })
  const matches = () =>
    SHORTCUT_TYPING.test(text.value)
      ? app
          .canned()
          .filter((x) => `/${x.shortcut}`.startsWith(text.value))
          .slice(0, 6)
      : []
  const complete = (shortcut: string) => {
    text.value = `/${shortcut}`
    showHints()
  }
  function showHints() {
    const found = matches()
    hints.replaceChildren(
      ...found.map((x) =>
        el(
          'li',
          {},
          el('button', { type: 'button', class: 'link', onclick: () => (complete(x.shortcut), text.focus()) }, `/${x.shortcut}`),
          ` ${x.text.slice(0, 80)}`,
        ),
      ),
    )
    hints.hidden = found.length === 0
  }
  const form = el(
    'form',
    { class: 'reply', 'data-testid': 'reply-form' },
    hints,
    text,
    el('div', { class: 'row' }, el('label', { class: 'check' }, priv, t('console.reply.private')), el('label', { class: 'attach' }, '📎 ', file), send),
  )
  priv.addEventListener('change', () => {
    send.textContent = t(priv.checked ? 'console.reply.note' : 'console.reply.send')
    form.classList.toggle('private', priv.checked)
  })
  text.addEventListener('input', showHints)
  text.addEventListener('keydown', (e) => {
    const first = matches()[0]
    if (e.key === 'Tab' && !e.shiftKey && first && text.value !== `/${first.shortcut}`) {
      e.preventDefault()
      complete(first.shortcut)
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault()
      form.requestSubmit()
    }
  })
  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    const value = text.value
    if (!value.trim()) return
    text.value = '' // cleared before the view re-renders, which keeps whatever draft is left
    if (!(await app.act(conversationId, 'messages', { text: value, private: priv.checked }))) {
      const box = document.getElementById('reply') as HTMLTextAreaElement | null
      if (box && !box.value) box.value = value
    }
  })
  return form
}
