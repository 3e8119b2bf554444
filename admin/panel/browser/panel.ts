/**
 * What the panel's page scripts share: the page's strings (L), a refusal in words, and
 * number formats. Everything user-typed goes on the page as text (el()), never as markup.
 */
import { ApiError } from '../../../bot/http/browser/api.ts'
import { readStrings, translator } from '../../../bot/http/browser/strings.ts'

const holder = document.getElementById('panel-strings')

/** A translated string with {vars} filled in. */
export const L = translator(readStrings(holder))
export const locale = holder?.dataset.locale || 'zh'

/** A readable message for a failed API call: the server's field issues when it sent them. */
export function errorText(err: unknown): string {
  const issues = err instanceof ApiError ? err.details.issues : undefined
  const detail =
    Array.isArray(issues) && issues.length
      ? issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')
      : err instanceof Error
        ? err.message
        : ''
  return L('panel.failed', { msg: detail || String(err) })
}

export const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—')
export const num = (x: number) => (Number.isFinite(x) ? Number(x).toFixed(3) : '—')
