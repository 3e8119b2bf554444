/**
 * A modal form of the side panel (profile, ticket, merge): appended to the page, not to the
 * panel, so a live re-render of the conversation does not take it away mid-typing. `submit`
 * returns true to close; on false (a refusal shown in the form) it stays open with the input.
 */
import { el, say, type Child } from '../../../bot/http/browser/dom.ts'
import type { ConsoleApp } from './context.ts'

export interface DialogForm {
  dialog: HTMLDialogElement
  form: HTMLFormElement
  /** The form's message line (role=alert). */
  status: HTMLElement
}

export function dialogForm(
  app: ConsoleApp,
  opts: { testid: string; title: string; submitLabel: string; fields: Child[]; submit: (f: DialogForm) => Promise<boolean> },
): DialogForm {
  const status = el('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': `${opts.testid}-status` })
  const send = el('button', { type: 'submit', 'data-testid': `${opts.testid}-submit` }, opts.submitLabel)
  const cancel = el('button', { type: 'button', class: 'secondary' }, app.t('console.cancel'))
  const form = el('form', { class: 'side-form' }, el('h3', {}, opts.title), opts.fields, status, el('div', { class: 'actions' }, send, cancel))
  const dialog = el('dialog', { class: 'side-dialog', 'data-testid': opts.testid }, form)
  const f = { dialog, form, status }
  cancel.addEventListener('click', () => dialog.close())
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    say(status, null)
    send.disabled = true
    void opts
      .submit(f)
      .then((done) => done && dialog.close())
      .catch((err: unknown) => say(status, err instanceof Error ? err.message : String(err)))
      .finally(() => (send.disabled = false))
  })
  dialog.addEventListener('close', () => dialog.remove())
  document.body.append(dialog)
  dialog.showModal()
  return f
}

/** A labelled control with its error slot (markField writes into `.field-error`). */
export const fieldRow = (label: string, control: HTMLElement, hint?: string) =>
  el('label', {}, label, hint ? el('span', { class: 'muted small' }, ` (${hint})`) : null, control, el('span', { class: 'field-error' }))
