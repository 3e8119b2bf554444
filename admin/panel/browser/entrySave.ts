// The entry editor's save path: validate with field messages, save as draft or publish,
// explain a 409 (someone else saved first) and offer a reload, delete after asking.
import { api, ApiError } from '../../../bot/http/browser/api.ts'
import { el, field, markField, say } from '../../../bot/http/browser/dom.ts'
import { ENTRY_LIMITS, isEntryId } from '../../../knowledge/entries/limits.ts'
import { parseButtons } from './entryPreview.ts'
import { errorText, L } from './panel.ts'

export interface EntryFields {
  similar(): HTMLInputElement[]
  categoryPath(): string[]
}

const CHANNELS = ['webchat', 'wechat', 'telegram', 'teams'] as const
const SAVED_NOTES: Record<string, string> = { published: 'panel.published', draft: 'panel.saved', restored: 'panel.restored' }

export function entrySave(form: HTMLFormElement, fields: EntryFields) {
  const f = (name: string) => field<HTMLInputElement>(form, name)
  const v = (name: string) => f(name).value.trim()
  const errorBox = document.getElementById('form-error')!
  const statusBox = document.getElementById('form-status')
  const id = () => form.dataset.id
  const tags = () => [
    ...new Set(
      f('tags')
        .value.split(/[,，;；]/)
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  ]
  const instant = (value: string) => (value ? new Date(value).toISOString() : null)

  function validate() {
    const bad: HTMLElement[] = []
    const check = (input: HTMLInputElement, message: string) => markField(input, message) || bad.push(input)
    if (f('id')) check(f('id'), v('id') && !isEntryId(v('id')) ? 'a-z 0-9 . : - _' : '')
    check(f('question'), !v('question') ? L('panel.err.required') : '')
    check(f('answer'), !v('answer') ? L('panel.err.required') : '')
    const seen = new Set([v('question')])
    for (const input of fields.similar()) {
      const text = input.value.trim()
      check(input, text && seen.has(text) ? L('panel.err.duplicate') : '')
      if (text) seen.add(text)
    }
    const buttons = parseButtons(f('buttons').value)
    const badButtons = buttons.length > ENTRY_LIMITS.buttons || buttons.some((b) => b.label.length > ENTRY_LIMITS.buttonLabel || !b.label)
    check(f('buttons'), badButtons ? L('panel.err.tooLong', { n: ENTRY_LIMITS.buttonLabel }) : '')
    check(f('tags'), tags().some((x) => x.length > ENTRY_LIMITS.tag) ? L('panel.err.tooLong', { n: ENTRY_LIMITS.tag }) : '')
    const from = f('validFrom').value
    const to = f('validTo').value
    check(f('validTo'), from && to && to <= from ? L('panel.err.dates') : '')
    return bad
  }

  function body(status: 'draft' | 'published') {
    const channelAnswers: Record<string, string> = {}
    for (const ch of CHANNELS) if (v(`channel-${ch}`)) channelAnswers[ch] = v(`channel-${ch}`)
    // Personal WeChat (wechaty) shows text exactly like the official account: one override serves both.
    if (channelAnswers.wechat) channelAnswers.wechaty = channelAnswers.wechat
    return {
      question: v('question'),
      similarQuestions: fields
        .similar()
        .map((i) => i.value.trim())
        .filter(Boolean),
      answer: v('answer'),
      answerExtras: { buttons: parseButtons(f('buttons').value) },
      channelAnswers,
      categoryPath: fields.categoryPath(),
      tags: tags(),
      status,
      validFrom: instant(f('validFrom').value),
      validTo: instant(f('validTo').value),
      ownerId: f('ownerId').value ? Number(f('ownerId').value) : null,
    }
  }

  const conflictVersion = (err: unknown) => (err instanceof ApiError && err.status === 409 ? (err.details.currentVersion as number | undefined) : undefined)

  async function save(intent: string) {
    say(errorBox, '')
    const bad = validate()
    if (bad.length) return void (say(errorBox, L('panel.invalid')), bad[0]!.focus())
    const status = intent === 'publish' ? 'published' : 'draft'
    say(statusBox, L('panel.saving'))
    try {
      if (!id()) {
        const created = await api<{ id: string }>('POST', '/api/v1/kb/entries', { ...body(status), ...(v('id') ? { id: v('id') } : {}) })
        location.assign(`/admin/knowledge/${encodeURIComponent(created.id)}?saved=${status}`)
        return
      }
      const saved = await api<{ version: number; status: string }>('PUT', `/api/v1/kb/entries/${encodeURIComponent(id()!)}`, {
        ...body(status),
        version: Number(form.dataset.version),
      })
      form.dataset.version = String(saved.version)
      const badge = document.querySelector('[data-testid=entry-status]')
      if (badge) (badge.textContent = L(`panel.status.${saved.status}`)), (badge.className = `status ${saved.status}`)
      say(statusBox, L(status === 'published' ? 'panel.published' : 'panel.saved', { v: saved.version }))
    } catch (err) {
      say(statusBox, '')
      const current = conflictVersion(err)
      if (current) {
        const reload = el(
          'button',
          { type: 'button', class: 'secondary', 'data-testid': 'conflict-reload', onclick: () => location.reload() },
          L('panel.reload'),
        )
        say(errorBox, L('panel.conflict', { v: current }), ' ', reload)
      } else say(errorBox, errorText(err))
      errorBox.scrollIntoView({ block: 'nearest' })
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault()
    void save((e.submitter as HTMLButtonElement | null)?.value ?? 'draft')
  })
  document.addEventListener('keydown', (e) => {
    if (!(e.ctrlKey || e.metaKey) || form.querySelector('fieldset')?.disabled) return
    if (e.key === 's') e.preventDefault(), void save('draft')
    if (e.key === 'Enter') e.preventDefault(), void save('publish')
  })

  const saved = new URLSearchParams(location.search).get('saved')
  if (saved && SAVED_NOTES[saved]) say(statusBox, L(SAVED_NOTES[saved], { v: form.dataset.version ?? '' }))

  document.getElementById('entry-delete')?.addEventListener('click', async (e) => {
    if (!window.confirm((e.currentTarget as HTMLElement).dataset.confirmText ?? '')) return
    try {
      await api('DELETE', `/api/v1/kb/entries/${encodeURIComponent(id()!)}`, { version: Number(form.dataset.version) })
      location.assign('/admin/knowledge')
    } catch (err) {
      say(errorBox, err instanceof ApiError && err.status === 409 ? L('panel.conflict', { v: conflictVersion(err) ?? '?' }) : errorText(err))
    }
  })
}
