// Settings, handoff / surveys / office hours: checked field by field, then saved through the settings API.
import { api } from '../../../bot/http/browser/api.ts'
import { field, markField, say } from '../../../bot/http/browser/dom.ts'
import { errorText, L } from './panel.ts'

// The server refuses a zone Intl does not know (bot/settings.ts); the browser's Intl knows the same names.
const knownZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

export function handoffSettings(sf: HTMLFormElement) {
  const f = (name: string) => field(sf, name)
  const box = (role: string) => sf.querySelector<HTMLElement>(`[role=${role}]`)
  const mark = (input: HTMLElement, msg: string) => (markField(input, msg, 'label, fieldset') ? [] : [input])
  f('alwaysOpen').addEventListener('change', () => {
    ;(document.getElementById('hours-fields') as HTMLFieldSetElement).disabled = f('alwaysOpen').checked
  })
  const lines = (name: string) =>
    f(name)
      .value.split('\n')
      .map((x) => x.trim())
      .filter(Boolean)

  function collect() {
    const bad: HTMLElement[] = []
    const number = (name: string, min: number, max: number, integer = true) => {
      const n = Number(f(name).value)
      bad.push(...mark(f(name), (integer ? Number.isInteger(n) : Number.isFinite(n)) && n >= min && n <= max ? '' : L('panel.err.number', { min, max })))
      return n
    }
    const keywords = [...new Set(lines('keywords'))]
    bad.push(...mark(f('keywords'), keywords.some((k) => k.length > 30) ? L('panel.err.tooLong', { n: 30 }) : ''))
    const body: Record<string, unknown> = {
      'handoff.keywords': keywords,
      'handoff.waitTimeoutSec': number('waitTimeoutSec', 10, 86400),
      'handoff.transferAcceptSec': number('transferAcceptSec', 10, 3600),
      'handoff.fallbacksBeforeOffer': number('fallbacksBeforeOffer', 1, 10),
      'handoff.autoAssign': f('autoAssign').checked,
      'conversations.access': field<HTMLSelectElement>(sf, 'conversationAccess').value,
      'surveys.scale': field<HTMLSelectElement>(sf, 'surveyScale').value,
      'surveys.delaySec': number('surveyDelaySec', 0, 604800),
      'surveys.expireHours': number('surveyExpireHours', 0.1, 720, false),
      'surveys.answerFeedback': f('answerFeedback').checked,
      officeHours: null,
    }
    if (!f('alwaysOpen').checked) {
      const days = [...sf.querySelectorAll<HTMLInputElement>('input[name=days]:checked')].map((x) => Number(x.value))
      const holidays = lines('holidays')
      const badDate = holidays.find((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d)))
      const [start, end, timezone] = [f('start').value, f('end').value, f('timezone').value.trim()]
      bad.push(...mark(f('timezone'), !timezone ? L('panel.err.required') : knownZone(timezone) ? '' : L('panel.err.timezone')))
      bad.push(...mark(f('end'), /^\d\d:\d\d$/.test(start) && /^\d\d:\d\d$/.test(end) && start < end ? '' : L('panel.err.time')))
      sf.querySelector('fieldset.days .field-error')!.textContent = days.length ? '' : L('panel.err.days')
      if (!days.length) bad.push(sf.querySelector<HTMLElement>('input[name=days]')!)
      bad.push(...mark(f('holidays'), badDate ? L('panel.err.date', { d: badDate }) : ''))
      body.officeHours = { timezone, days, start, end, holidays }
    }
    return { body, bad }
  }

  sf.addEventListener('submit', async (e) => {
    e.preventDefault()
    say(box('status'), '')
    const { body, bad } = collect()
    if (bad.length) return void (say(box('alert'), L('panel.invalid')), bad[0]!.focus())
    say(box('alert'), '')
    try {
      await api('PUT', '/api/v1/panel/settings', body)
      say(box('status'), L('panel.settingsSaved'))
    } catch (err) {
      say(box('alert'), errorText(err))
    }
  })
}
