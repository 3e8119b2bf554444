/** The one error mapper: domain errors → status + {error: {code, message, requestId}}. */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { isDatabaseUnavailable } from '../db/unavailable.ts'
import { DomainError, RateLimited } from '../errors.ts'
import { fieldName, issueMessage, localiseMessage, type Locale } from './errorLocale.ts'
import { InvalidInput } from './json.ts'
import { retryAfterOf } from './rateLimit.ts'
import type { AppEnv } from './types.ts'

export function errorBody(code: string, message: string, requestId: string, details?: unknown) {
  return { error: { code, message, requestId, ...(details ? { details } : {}) } }
}

/**
 * A refused input in the caller's language, its field issues in the message too — a page that
 * shows only the message still says what to fix ("快捷方式：只能用中文、字母…").
 */
function invalidInput(err: InvalidInput, locale: Locale) {
  const labelled = err.issues.map((i) => ({ path: i.path.join('.'), message: issueMessage(i, locale) }))
  const list = labelled.map((i) => (i.path ? `${fieldName(i.path, locale)}: ${i.message}` : i.message)).join(locale === 'zh' ? '；' : '; ')
  const head = localiseMessage(err.message, locale)
  return { message: list ? `${head.replace(/[.。]$/, '')}${locale === 'zh' ? '：' : ': '}${list}` : head, details: { ...err.details, issues: labelled } }
}

export function onError(err: Error, c: Context<AppEnv>) {
  const requestId = c.get('requestId') ?? 'unknown'
  // A staff member's pages show refusals as they come: in their language. Scripts and API
  // tokens keep the English the messages are written in (stable for logs and integrations).
  const locale: Locale = c.get('session') && c.get('locale') === 'zh' ? 'zh' : 'en'
  if (err instanceof InvalidInput) {
    const { message, details } = invalidInput(err, locale)
    return c.json(errorBody(err.code, message, requestId, details), 400)
  }
  if (err instanceof DomainError) {
    // A 5xx may carry its cause (an upstream's URL, a DNS error): logged here, never sent.
    if (err.status >= 500) c.get('log')?.error({ err, cause: err.cause }, err.message)
    const retryAfter = err instanceof RateLimited ? retryAfterOf(err) : null
    if (retryAfter) c.header('Retry-After', String(retryAfter))
    return c.json(errorBody(err.code, localiseMessage(err.message, locale), requestId, err.details), err.status as any)
  }
  if (err instanceof HTTPException) {
    const status = err.status
    const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'http_error'
    return c.json(errorBody(code, err.message || code, requestId), status)
  }
  if (isDatabaseUnavailable(err)) {
    c.get('log')?.error({ err }, 'database unavailable')
    c.header('Retry-After', '5')
    return c.json(
      errorBody('database_unavailable', localiseMessage('The database cannot be reached right now; try again in a few seconds.', locale), requestId),
      503,
    )
  }
  if (tooLongToStore(err)) {
    c.get('log')?.warn({ err }, 'a value too long for an index reached a query')
    return c.json(errorBody('invalid_input', 'A value in the request is too long to store.', requestId), 400)
  }
  if (unstorableText(err)) {
    c.get('log')?.warn({ err }, 'text the database cannot store reached a query')
    return c.json(errorBody('invalid_input', 'The request contains a character that cannot be stored (U+0000, NUL).', requestId), 400)
  }
  c.get('log')?.error({ err }, 'unhandled error')
  return c.json(errorBody('internal', localiseMessage('Internal error; quote the request id when reporting it.', locale), requestId), 500)
}

// PostgreSQL's "invalid byte sequence" / "unsupported Unicode escape": a NUL in text or jsonb that
// got past validation (nul.ts strips them from inputs). The input is at fault, not the server.
const UNSTORABLE = new Set(['22021', '22P05'])
const unstorableText = (err: Error) => UNSTORABLE.has(String((err as { code?: unknown }).code))
// 54000 program_limit_exceeded: an id longer than a btree index row can hold (about 2.7 kB) — a
// channel's schema caps its ids; this is the net under a field that was missed (found by fuzzing).
const tooLongToStore = (err: Error) => String((err as { code?: unknown }).code) === '54000'

export function notFound(c: Context<AppEnv>) {
  return c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}`, c.get('requestId') ?? 'unknown'), 404)
}
