// Category and synonym forms: each form[data-api] is checked here, then sent as JSON and the
// page reloads to show the saved tree.
import { field } from '../../../bot/http/browser/dom.ts'
import { handleApiForms, type FormPayload } from '../../ui/browser/apiForms.ts'
import { errorText, L } from './panel.ts'

function payload(form: HTMLFormElement): FormPayload {
  const body: Record<string, unknown> = {}
  const name = field(form, 'name')
  if (name) {
    const v = name.value.trim()
    if (!v || v.includes('/') || v.includes('>')) return { error: L('panel.err.name'), field: name }
    body.name = v
  }
  const parent = field<HTMLSelectElement>(form, 'parentId')
  if (parent) body.parentId = Number(parent.value)
  const terms = field<HTMLTextAreaElement>(form, 'terms')
  if (terms) {
    const list = [
      ...new Set(
        terms.value
          .split(/[,，、;；\n]/)
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ]
    if (list.length < 2) return { error: L('panel.err.terms'), field: terms }
    body.terms = list
  }
  return { body }
}

handleApiForms({ payload, describe: errorText })
