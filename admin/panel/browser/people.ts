// 人员与角色: each staff row saves its own name, role, capacity and teams; disable asks
// first; the add form checks its fields (by the server's own rules) before sending. The
// server re-checks everything (and refuses to lose the last admin); its message is shown as it comes.
import { api, ApiError } from '../../../bot/http/browser/api.ts'
import { field, markField as mark, say } from '../../../bot/http/browser/dom.ts'
import { isUsername, STAFF_LIMITS as MAX } from '../../../bot/staff/limits.ts'
import { errorText, L } from './panel.ts'

const statusBox = document.getElementById('people-status')
const errorBox = document.getElementById('people-error')
const teamsOf = (v: string) => [
  ...new Set(
    v
      .split(/[,，、;；]/)
      .map((x) => x.trim())
      .filter(Boolean),
  ),
]

function rowBody(row: HTMLElement) {
  const q = (n: string) => row.querySelector<HTMLInputElement>(`[name=${n}]`)!
  const name = q('displayName').value.trim()
  const capacity = Number(q('capacity').value)
  const teams = teamsOf(q('teams').value)
  const ok = [
    mark(q('displayName'), name ? '' : L('panel.err.required')),
    mark(
      q('capacity'),
      Number.isInteger(capacity) && capacity >= MAX.capacityMin && capacity <= MAX.capacityMax
        ? ''
        : L('panel.err.number', { min: MAX.capacityMin, max: MAX.capacityMax }),
    ),
    mark(q('teams'), teams.some((x) => x.length > MAX.team) ? L('panel.err.tooLong', { n: MAX.team }) : ''),
  ].every(Boolean)
  return ok ? { displayName: name, role: q('role').value, capacity, teams } : null
}

async function send(row: HTMLElement, body: Record<string, unknown>, message: string) {
  try {
    await api('PATCH', `/api/v1/panel/staff/${row.dataset.staff}`, body)
    say(errorBox, '')
    say(statusBox, message)
    if ('disabled' in body) location.reload()
  } catch (err) {
    say(statusBox, '')
    say(errorBox, errorText(err))
  }
}

document.addEventListener('click', (e) => {
  const button = (e.target as Element).closest?.<HTMLElement>('[data-act]')
  const row = button?.closest<HTMLElement>('tr[data-staff]')
  if (!button || !row) return
  const saved = L('panel.people.saved', { name: row.dataset.username ?? '' })
  const act = button.dataset.act
  if (act === 'save') {
    const body = rowBody(row)
    if (!body) return say(errorBox, L('panel.invalid'))
    void send(row, body, saved)
  }
  if (act === 'disable' && window.confirm(button.dataset.confirmText ?? '')) void send(row, { disabled: true }, saved)
  if (act === 'enable') void send(row, { disabled: false }, saved)
})

const form = document.getElementById('staff-create') as HTMLFormElement | null
form?.addEventListener('submit', async (e) => {
  e.preventDefault()
  const f = (name: string) => field(form, name)
  const username = f('username').value.trim()
  const displayName = f('displayName').value.trim()
  const ok = [
    mark(f('username'), !username ? L('panel.err.required') : isUsername(username) ? '' : L('panel.people.badUsername')),
    mark(f('displayName'), displayName.length > MAX.displayName ? L('panel.err.tooLong', { n: MAX.displayName }) : ''),
    mark(f('password'), f('password').value.length >= MAX.passwordMin ? '' : L('panel.people.shortPassword')),
  ].every(Boolean)
  if (!ok) return void (say(errorBox, L('panel.invalid')), form.querySelector<HTMLElement>('[aria-invalid=true]')?.focus())
  try {
    await api('POST', '/api/v1/panel/staff', {
      username,
      displayName: displayName || undefined,
      role: field<HTMLSelectElement>(form, 'role').value,
      password: f('password').value,
    })
    location.assign(`/admin/people?created=${encodeURIComponent(username)}`)
  } catch (err) {
    const taken = err instanceof ApiError && err.status === 409
    say(errorBox, taken ? L('panel.people.taken', { name: username }) : errorText(err))
    if (taken) mark(f('username'), L('panel.people.taken', { name: username }))
  }
})
const created = new URLSearchParams(location.search).get('created')
if (created) say(statusBox, L('panel.people.created', { name: created }))
