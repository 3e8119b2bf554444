/**
 * Forms marked data-api="METHOD /path" submit as JSON through the API, then the page
 * reloads to show what was saved (canned replies, categories, synonyms): the page and the
 * API share one set of rules. app.ts has already asked on forms marked data-confirm (a
 * "no" prevents the submit, and this handler then does nothing).
 */
import { api } from '../../../bot/http/browser/api.ts'
import { say } from '../../../bot/http/browser/dom.ts'

export type FormPayload = { body: unknown } | { error: string; field: HTMLElement }

export interface ApiForms {
  /** The JSON body of a form, or why it cannot be sent (checked here, before the server). */
  payload(form: HTMLFormElement): FormPayload
  /** A refusal in words for the user. */
  describe(err: unknown): string
}

export function handleApiForms({ payload, describe }: ApiForms) {
  document.addEventListener('submit', async (e) => {
    const form = (e.target as Element | null)?.closest?.<HTMLFormElement>('form[data-api]')
    if (!form || e.defaultPrevented) return
    e.preventDefault()
    const [method = 'POST', url = ''] = (form.dataset.api ?? '').split(' ')
    const alertBox = form.querySelector<HTMLElement>('[role=alert]') ?? form.parentElement?.querySelector<HTMLElement>('[role=alert]')
    const p: FormPayload = method === 'DELETE' ? { body: undefined } : payload(form)
    if ('error' in p) {
      say(alertBox, p.error)
      p.field.setAttribute('aria-invalid', 'true')
      p.field.focus()
      return
    }
    try {
      await api(method, url, p.body)
      location.reload()
    } catch (err) {
      if (alertBox) say(alertBox, describe(err))
      else window.alert(describe(err))
    }
  })
}
