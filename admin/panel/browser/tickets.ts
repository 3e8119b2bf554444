// 工单控制台: bulk assignment on the list; status moves, priority, assignee, notes, replies
// and merging a duplicate (after a confirmation) on the detail. Everything goes through the
// ticket API; the server's refusals are shown as they come (a 409 names the allowed moves).
import { api, ApiError } from '../../../bot/http/browser/api.ts'
import { byId, dataJson, say } from '../../../bot/http/browser/dom.ts'
import { errorText, L } from './panel.ts'

const statusBox = byId('tk-status')
const errorBox = byId('tk-error')
const ok = (text: string) => (say(errorBox, ''), say(statusBox, text))
const fail = (text: string) => (say(statusBox, ''), say(errorBox, text))
const value = (id: string) => byId<HTMLInputElement>(id)!.value

// ---- list: select all, bulk assign ----
const all = byId<HTMLInputElement>('tk-all')
all?.addEventListener('change', () => {
  for (const b of document.querySelectorAll<HTMLInputElement>('.tk-pick')) b.checked = all.checked
})

byId<HTMLButtonElement>('tk-bulk-assign')?.addEventListener('click', async (e) => {
  const button = e.currentTarget as HTMLButtonElement
  const numbers = [...document.querySelectorAll<HTMLInputElement>('.tk-pick:checked')].map((b) => b.value)
  const agent = Number(value('tk-bulk-agent'))
  if (!numbers.length) return fail(L('panel.tk.pickSome'))
  if (!agent) return fail(L('panel.tk.pickAgent'))
  button.disabled = true
  const results = await Promise.allSettled(numbers.map((n) => api('POST', `/api/v1/tickets/${encodeURIComponent(n)}/assign`, { assigneeId: agent })))
  const bad = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
  button.disabled = false
  if (!bad.length) {
    ok(L('panel.tk.assigned', { n: numbers.length }))
    location.reload()
  } else {
    fail(L('panel.tk.partial', { ok: numbers.length - bad.length, bad: bad.length, msg: errorText(bad[0]!.reason) }))
  }
})

// ---- detail ----
const detail = byId('tk-detail')
if (detail) ticketDetail(detail)

function ticketDetail(detail: HTMLElement) {
  const labels = dataJson<Record<string, string>>(detail, 'labels', {})
  const label = (s: string) => labels[s] ?? s
  const base = `/api/v1/tickets/${encodeURIComponent(detail.dataset.number ?? '')}`
  const details = (err: unknown) => (err instanceof ApiError ? err.details : {}) as { allowed?: string[]; status?: string; reason?: string; number?: string }

  function conflictText(err: unknown, to: string) {
    const d = details(err)
    if (d.reason === 'root_cause_required') return L('panel.tk.rootCauseRequired')
    if (err instanceof ApiError && err.status === 409 && Array.isArray(d.allowed)) {
      return L('panel.tk.notAllowed', { from: label(d.status ?? ''), to: label(to), allowed: d.allowed.map(label).join('、') || '—' })
    }
    return errorText(err)
  }
  // A refused merge says why (into itself, closed, already merged, another customer).
  function mergeErrorText(err: unknown) {
    const d = details(err)
    return d.reason ? L(`panel.tk.merge.${d.reason}`, { number: d.number ?? '' }) : errorText(err)
  }

  async function run(button: HTMLButtonElement, call: () => Promise<unknown>, describe: (err: unknown) => string = errorText) {
    button.disabled = true
    try {
      await call()
      ok(L('panel.tk.saved'))
      location.reload()
    } catch (err) {
      fail(describe(err))
      button.disabled = false
    }
  }

  const text = (id: string) => value(id).trim()
  detail.addEventListener('click', (e) => {
    const b = (e.target as Element).closest?.<HTMLButtonElement>('button[data-act]')
    if (!b) return
    const act = b.dataset.act
    if (act === 'move') {
      const to = b.dataset.to ?? ''
      const note = text('tk-move-note')
      const rootCause = document.getElementById('tk-root-cause') ? text('tk-root-cause') : ''
      void run(
        b,
        () => api('POST', `${base}/status`, { to, ...(note ? { note } : {}), ...(rootCause ? { rootCause } : {}) }),
        (err) => conflictText(err, to),
      )
    } else if (act === 'priority') {
      void run(b, () => api('POST', `${base}/priority`, { priority: value('tk-priority') }))
    } else if (act === 'assign') {
      void run(b, () => api('POST', `${base}/assign`, { assigneeId: Number(value('tk-assignee')) }))
    } else if (act === 'merge') {
      const from = b.dataset.from ?? ''
      if (!window.confirm(L('panel.tk.mergeConfirm', { from, into: detail.dataset.number ?? '' }))) return
      void run(b, () => api('POST', `${base}/merge`, { from: [from] }), mergeErrorText)
    } else if (act === 'note' || act === 'reply') {
      const body = text(act === 'note' ? 'tk-note-text' : 'tk-reply-text')
      if (!body) return fail(L('panel.tk.empty'))
      void run(b, () => api('POST', `${base}/${act === 'note' ? 'notes' : 'replies'}`, { text: body }))
    }
  })
}
