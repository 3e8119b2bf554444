// Settings, thresholds: the override with a live what-if (debounced); asks before changing the bot.
import { api } from '../../../bot/http/browser/api.ts'
import { field, markField, say } from '../../../bot/http/browser/dom.ts'
import { errorText, L, pct } from './panel.ts'

const KEYS = ['answer', 'margin', 'clarify'] as const
type Proposal = Record<(typeof KEYS)[number], number>

export function thresholdsForm(th: HTMLFormElement) {
  const box = (role: string) => th.querySelector<HTMLElement>(`[role=${role}]`)
  const mark = (input: HTMLElement, msg: string) => (markField(input, msg, 'label, fieldset') ? [] : [input])

  function proposed() {
    const v = {} as Proposal
    const bad: HTMLElement[] = []
    for (const k of KEYS) {
      const input = field(th, k)
      v[k] = Number(input.value)
      const ok = input.value.trim() !== '' && Number.isFinite(v[k]) && v[k] >= 0 && v[k] <= 1
      bad.push(...mark(input, ok ? '' : L('panel.err.number', { min: 0, max: 1 })))
    }
    if (!bad.length && v.clarify > v.answer) bad.push(...mark(field(th, 'clarify'), L('panel.err.clarifyAbove')))
    return { v, bad }
  }

  async function whatIf() {
    const { v, bad } = proposed()
    if (bad.length) return
    const basis = th.querySelector<HTMLElement>('.basis')!
    say(basis, L('panel.whatif.loading'))
    try {
      const r = await api<{ now: Record<string, number>; proposed: Record<string, number>; source: string; examples: { total: number } }>(
        'GET',
        `/api/v1/panel/what-if?${new URLSearchParams(Object.entries(v).map(([k, n]) => [k, String(n)]))}`,
      )
      for (const row of th.querySelectorAll<HTMLElement>('[data-metric]')) {
        const k = row.dataset.metric!
        row.querySelector('.now')!.textContent = pct(r.now[k] ?? NaN)
        row.querySelector('.proposed')!.textContent = pct(r.proposed[k] ?? NaN)
      }
      const src = (r.source === 'calibration' ? basis.dataset.srcCalibration : basis.dataset.srcSearch) ?? ''
      say(basis, r.examples.total ? (basis.dataset.basis ?? '').replace('{n}', String(r.examples.total)).replace('{source}', src) : basis.dataset.empty)
      th.querySelector<HTMLElement>('#whatif')!.dataset.ready = JSON.stringify(v)
    } catch (err) {
      say(basis, errorText(err))
    }
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  th.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(whatIf, 300)
  })
  void whatIf()

  async function putOverride(override: Proposal | null, confirmText: string) {
    if (!window.confirm(confirmText)) return
    try {
      await api('PUT', '/api/v1/kb/thresholds', { override })
      location.assign('/admin/settings?saved=1')
    } catch (err) {
      say(box('alert'), errorText(err))
    }
  }
  th.addEventListener('submit', (e) => {
    e.preventDefault()
    const { v, bad } = proposed()
    if (bad.length) return void (say(box('alert'), L('panel.invalid')), bad[0]!.focus())
    say(box('alert'), '')
    const submitter = (e.submitter as HTMLElement | null) ?? th.querySelector<HTMLElement>('[type=submit]')
    void putOverride(v, submitter?.dataset.confirmText ?? '')
  })
  document
    .getElementById('clear-override')
    ?.addEventListener('click', (e) => void putOverride(null, (e.currentTarget as HTMLElement).dataset.confirmText ?? ''))
  if (new URLSearchParams(location.search).get('saved')) say(box('status'), L('panel.settingsSaved'))
}
