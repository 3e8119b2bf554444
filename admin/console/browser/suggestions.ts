/**
 * Suggested replies as chips above the reply box (bot/llm/suggest.ts): clicking one puts
 * its text in the box for the agent to edit and send — nothing is sent by a click. Asked
 * for once per customer message (re-renders of the view re-use the answer), since each ask
 * may be a model call.
 */
import { el } from '../../../bot/http/browser/dom.ts'
import type { ConsoleApp } from './context.ts'
import type { ConsoleMessage, Suggestion } from './types.ts'

const asked = new Map<string, Promise<Suggestion[]>>()

export function suggestionsBar(app: ConsoleApp, conversationId: number, messages: ConsoleMessage[]): HTMLElement {
  const { t } = app
  const lastCustomer = messages.findLast((m) => m.senderType === 'customer')
  const bar = el('div', { class: 'suggestions', hidden: true, 'data-testid': 'suggestions' })
  if (!lastCustomer) return bar
  const key = `${conversationId}:${lastCustomer.id}`
  let pending = asked.get(key)
  if (!pending) {
    pending = app
      .call<{ suggestions: Suggestion[] }>('GET', `/api/v1/console/conversations/${conversationId}/suggestions`)
      .then((r) => r.suggestions)
      .catch(() => (asked.delete(key), []))
    asked.set(key, pending)
  }
  void pending.then((list) => {
    if (!list.length) return
    const fill = (s: Suggestion) => {
      const box = document.getElementById('reply') as HTMLTextAreaElement | null
      if (!box) return
      box.value = s.text
      box.dispatchEvent(new Event('input'))
      box.focus()
    }
    bar.replaceChildren(
      el('span', { class: 'muted small' }, t('console.assist.suggestions')),
      ...list.map((s) =>
        el(
          'button',
          {
            type: 'button',
            class: `chip suggestion${s.source === 'model' ? ' by-model' : ''}`,
            title: t(s.source === 'model' ? 'console.assist.fromModel' : 'console.assist.fromEntry', { question: s.question }),
            'data-testid': 'suggestion',
            'data-source': s.source,
            onclick: () => fill(s),
          },
          s.text.length > 60 ? `${s.text.slice(0, 60)}…` : s.text,
        ),
      ),
    )
    bar.hidden = false
  })
  return bar
}
