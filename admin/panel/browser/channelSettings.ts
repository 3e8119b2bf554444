// Settings, channel section: collect each channel's fields into its `channels.<channel>`
// setting, check lengths and the accent colour's contrast before sending (the server's own
// rule), ask before a channel stops being answered by the bot, then save.
import { api } from '../../../bot/http/browser/api.ts'
import { field, markField, say } from '../../../bot/http/browser/dom.ts'
import { chars } from '../../../bot/http/browser/strings.ts'
import { ACCENT_PATTERN, contrastWithWhite, MIN_ACCENT_CONTRAST } from '../../../bot/channels/accentContrast.ts'
import { errorText, L } from './panel.ts'

export function channelSettings(form: HTMLFormElement) {
  const alertBox = form.querySelector<HTMLElement>('[role=alert]')
  const statusBox = form.querySelector<HTMLElement>('[role=status]')
  const mark = (input: HTMLElement, msg: string) => (markField(input, msg, 'label') ? [] : [input])
  const handlings = () => [...form.querySelectorAll<HTMLSelectElement>('select[name$=".handling"]')]

  function checkAccent(input: HTMLInputElement | null) {
    if (!input) return []
    const ok = ACCENT_PATTERN.test(input.value)
    const c = ok ? contrastWithWhite(input.value) : 0
    const sample = input.parentElement?.querySelector<HTMLElement>('.accent-sample')
    if (sample && ok) sample.style.background = input.value
    return mark(input, c >= MIN_ACCENT_CONTRAST ? '' : L('panel.ch.err.contrast', { c: c.toFixed(1), n: MIN_ACCENT_CONTRAST }))
  }
  const accent = field(form, 'webchat.accent') as HTMLInputElement | null
  // The saved colour is painted from script: the page's CSP allows no inline style attribute.
  const sample = form.querySelector<HTMLElement>('.accent-sample[data-accent]')
  if (sample) sample.style.background = sample.dataset.accent!
  accent?.addEventListener('input', () => checkAccent(accent))

  function collect() {
    const bad: HTMLElement[] = []
    const body: Record<string, unknown> = {}
    for (const set of form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-channel]')) {
      const ch = set.dataset.channel!
      const input = (name: string) => field(form, `${ch}.${name}`)
      const pair = (name: string) => {
        const out: Record<string, string> = {}
        for (const lang of ['zh', 'en']) {
          const box = input(`${name}.${lang}`)
          const max = Number(box.dataset.max)
          out[lang] = box.value.trim()
          bad.push(...mark(box, chars(out[lang]) > max ? L('panel.err.tooLong', { n: max }) : ''))
        }
        return out
      }
      const value: Record<string, unknown> = { handling: input('handling').value, answerFeedback: input('answerFeedback').checked, greeting: pair('greeting') }
      if (ch === 'webchat') Object.assign(value, { title: pair('title'), subtitle: pair('subtitle'), accent: input('accent').value })
      body[`channels.${ch}`] = value
    }
    bad.push(...checkAccent(accent))
    return { body, bad }
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    say(statusBox, '')
    const { body, bad } = collect()
    if (bad.length) return void (say(alertBox, L('panel.invalid')), bad[0]!.focus())
    say(alertBox, '')
    // Turning the bot off on a channel changes what every customer there gets: ask first.
    const nowPeople = handlings().filter((s) => s.value === 'people' && s.dataset.was !== 'people')
    const names = nowPeople.map((s) => s.closest('fieldset')?.querySelector('legend')?.textContent ?? '').join('、')
    if (nowPeople.length && !window.confirm(L('panel.ch.confirmPeople', { names }))) return
    try {
      await api('PUT', '/api/v1/panel/settings', body)
      for (const s of handlings()) s.dataset.was = s.value
      say(statusBox, L('panel.settingsSaved'))
    } catch (err) {
      say(alertBox, errorText(err))
    }
  })
}
