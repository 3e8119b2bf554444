/**
 * The request body limit. A body that declares its length (every browser, widget and vendor
 * request does) is judged by the Content-Length header alone: hono's bodyLimit first reads
 * `c.req.raw.body`, which turns node-server's lightweight request into a web stream and takes
 * every later read (`c.req.text()`) off its fast path — a measurable share of a chat turn's
 * CPU (issue 19). Node's parser never reads past Content-Length, so the header bounds the
 * body. A body without a declared length (chunked, or a Request built in-process) is counted as
 * it arrives by hono's bodyLimit.
 */
import type { MiddlewareHandler } from 'hono'
import { bodyLimit as countingBodyLimit } from 'hono/body-limit'
import type { AppEnv } from './types.ts'

export function bodyLimit(maxSize: number, tooLarge: () => never): MiddlewareHandler<AppEnv> {
  const counting = countingBodyLimit({ maxSize, onError: tooLarge })
  return function bodyLimit(c, next) {
    const declared = c.req.header('content-length')
    if (declared === undefined || c.req.header('transfer-encoding') !== undefined) return counting(c, next)
    if (Number.parseInt(declared, 10) > maxSize) tooLarge()
    return next()
  }
}
