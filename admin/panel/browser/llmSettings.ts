// Settings, language-model section: collect the switches into the `llm` setting, ask before
// customers' personal data starts going to the model provider, then save.
import { api } from '../../../bot/http/browser/api.ts'
import { say } from '../../../bot/http/browser/dom.ts'
import { errorText, L } from './panel.ts'

export function llmSettings(form: HTMLFormElement) {
  const alertBox = form.querySelector<HTMLElement>('[role=alert]')
  const statusBox = form.querySelector<HTMLElement>('[role=status]')
  const box = (name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]`)!

  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    say(statusBox, '')
    say(alertBox, '')
    const channels: Record<string, boolean> = {}
    for (const c of form.querySelectorAll<HTMLInputElement>('input[data-channel]')) channels[c.dataset.channel!] = c.checked
    const personal = box('sendPersonalData')
    if (personal.checked && personal.dataset.was !== 'true' && !window.confirm(L('panel.llm.confirmPersonal'))) return
    const llm = {
      channels,
      compose: box('compose').checked,
      rewrite: box('rewrite').checked,
      assist: box('assist').checked,
      sendPersonalData: personal.checked,
    }
    try {
      await api('PUT', '/api/v1/panel/settings', { llm })
      personal.dataset.was = String(personal.checked)
      say(statusBox, L('panel.settingsSaved'))
    } catch (err) {
      say(alertBox, errorText(err))
    }
  })
}
