/**
 * The transfer dialog: to a colleague or to a team, with a note the next agent reads. Each
 * colleague shows their presence, and picking one who is not online says what will happen:
 * the server never leaves a chat with someone absent, it goes back to the queue.
 */
import { el } from '../../../bot/http/browser/dom.ts'
import type { ConsoleApp } from './context.ts'

export function transferDialog(app: ConsoleApp, conversationId: number) {
  const { t } = app
  const others = app.agents().filter((a) => a.id !== app.me)
  const agent = el(
    'select',
    { name: 'agent' },
    el('option', { value: '' }, '—'),
    others.map((a) => el('option', { value: a.id }, `${a.displayName} · ${t(`console.presence.${a.status}`)}`)),
  )
  const absent = el('p', { class: 'warning', 'data-testid': 'transfer-absent', hidden: true })
  agent.addEventListener('change', () => {
    const picked = others.find((a) => String(a.id) === agent.value)
    absent.hidden = !picked || picked.status === 'online'
    absent.textContent = picked ? t('console.transfer.absent', { name: picked.displayName, status: t(`console.presence.${picked.status}`) }) : ''
  })
  const team = el('input', { name: 'team', maxlength: 60 })
  const note = el('textarea', { name: 'note', rows: 3, maxlength: 1000 })
  const dialog = el(
    'dialog',
    { class: 'transfer', 'data-testid': 'transfer-dialog' },
    el(
      'form',
      { method: 'dialog' },
      el('label', {}, t('console.transfer.agent'), agent),
      absent,
      el('label', {}, t('console.transfer.team'), team),
      el('label', {}, t('console.transfer.note'), note),
      el(
        'div',
        { class: 'actions' },
        el('button', { value: 'ok' }, t('console.transfer.do')),
        el('button', { value: 'cancel', class: 'secondary' }, t('console.cancel')),
      ),
    ),
  )
  dialog.addEventListener('close', () => {
    dialog.remove()
    if (dialog.returnValue !== 'ok' || (!agent.value && !team.value.trim())) return
    const to = agent.value ? { toAgentId: Number(agent.value) } : { toTeam: team.value.trim() }
    void app.act(conversationId, 'transfer', { ...to, note: note.value || undefined })
  })
  document.body.append(dialog)
  dialog.showModal()
}
