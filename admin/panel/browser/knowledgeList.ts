// Knowledge list, bulk actions: tick rows (or the whole page), pick an action and apply it
// through POST /api/v1/kb/entries/bulk with the versions this page showed, so an entry
// edited meanwhile stops the action instead of being overwritten. Deleting and unpublishing
// ask first. The server applies all or nothing; its refusal is shown as it says.
import { api, ApiError } from '../../../bot/http/browser/api.ts'
import { field, markField, say } from '../../../bot/http/browser/dom.ts'
import { ENTRY_LIMITS } from '../../../knowledge/entries/limits.ts'
import { errorText, L } from './panel.ts'

const DONE_KEY = 'kefu.kb.bulkDone'
const form = document.getElementById('kb-bulk') as HTMLFormElement | null
if (form) bulkActions(form)

function bulkActions(form: HTMLFormElement) {
  const all = document.getElementById('kb-all') as HTMLInputElement
  const picks = () => [...document.querySelectorAll<HTMLInputElement>('.kb-pick')]
  const picked = () => picks().filter((b) => b.checked)
  const count = document.getElementById('kb-bulk-count')!
  const alertBox = form.querySelector<HTMLElement>('[role=alert]')
  const statusBox = form.querySelector<HTMLElement>('[role=status]')
  const action = field<HTMLSelectElement>(form, 'action')
  const tagInput = field(form, 'tag')

  function refresh() {
    const n = picked().length
    count.textContent = n ? L('panel.bulk.count', { n }) : L('panel.bulk.none')
    all.checked = n > 0 && n === picks().length
    all.indeterminate = n > 0 && n < picks().length
  }
  all.addEventListener('change', () => {
    for (const b of picks()) b.checked = all.checked
    refresh()
  })
  document.addEventListener('change', (e) => (e.target as Element).classList?.contains('kb-pick') && refresh())

  // Only the field the chosen action needs is shown.
  const showFields = () => {
    for (const f of form.querySelectorAll<HTMLElement>('[data-for]')) f.hidden = !(f.dataset.for ?? '').split(' ').includes(action.value)
  }
  action.addEventListener('change', showFields)

  function body() {
    const rows = picked()
    const out: Record<string, unknown> = {
      action: action.value,
      ids: rows.map((b) => b.value),
      versions: Object.fromEntries(rows.map((b) => [b.value, Number(b.dataset.version)])),
    }
    const category = field(form, 'category').value
    if (action.value === 'move') out.categoryPath = category ? category.split('/') : []
    if (action.value === 'addTag' || action.value === 'removeTag') out.tag = tagInput.value.trim()
    return out as { action: string; ids: string[]; tag?: string }
  }

  function refusal(err: unknown) {
    const d = err instanceof ApiError ? (err.details as { unknown?: string[]; changedSince?: string[] }) : {}
    if (err instanceof ApiError && err.status === 404 && Array.isArray(d.unknown)) return L('panel.bulk.unknown', { ids: d.unknown.join(', ') })
    if (err instanceof ApiError && err.status === 409 && Array.isArray(d.changedSince)) return L('panel.bulk.stale', { n: d.changedSince.length })
    return errorText(err)
  }

  /** Why the action cannot go yet (with the field to fix), or null. */
  function invalid(b: ReturnType<typeof body>): [string, HTMLElement] | null {
    markField(tagInput, '', 'label')
    if (!b.ids.length) return [L('panel.bulk.pickSome'), all]
    const tagMessage =
      'tag' in b ? (!b.tag ? L('panel.err.required') : b.tag.length > ENTRY_LIMITS.tag ? L('panel.err.tooLong', { n: ENTRY_LIMITS.tag }) : '') : ''
    return markField(tagInput, tagMessage, 'label') ? null : [L('panel.invalid'), tagInput]
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    say(statusBox, '')
    const b = body()
    const problem = invalid(b)
    if (problem) return void (say(alertBox, problem[0]), problem[1].focus())
    say(alertBox, '')
    if ((b.action === 'delete' || b.action === 'unpublish') && !window.confirm(L(`panel.bulk.confirm.${b.action}`, { n: b.ids.length }))) return
    const button = form.querySelector<HTMLButtonElement>('[type=submit]')!
    button.disabled = true
    say(statusBox, L('panel.bulk.working', { n: b.ids.length }))
    try {
      const r = await api<{ changed: string[]; unchanged: string[] }>('POST', '/api/v1/kb/entries/bulk', b)
      const done =
        b.action === 'delete'
          ? L('panel.bulk.deleted', { n: r.changed.length })
          : L('panel.bulk.done', { changed: r.changed.length, unchanged: r.unchanged.length })
      sessionStorage.setItem(DONE_KEY, done) // shown again after the reload that redraws the list
      location.reload()
    } catch (err) {
      say(statusBox, '')
      say(alertBox, refusal(err))
      button.disabled = false
    }
  })

  const done = sessionStorage.getItem(DONE_KEY)
  if (done) {
    sessionStorage.removeItem(DONE_KEY)
    say(statusBox, done)
  }
  showFields()
  refresh()
}
