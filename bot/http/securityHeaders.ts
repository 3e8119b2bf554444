/**
 * Security headers. Every response: nosniff (a response is only ever what its type says) and
 * Referrer-Policy same-origin (staff URLs carry search terms and ids; other sites learn none of
 * it). HTML pages also get a Content-Security-Policy: scripts and stylesheets only from this
 * origin (the builds serve them from /assets with hashed names; no page has inline script or
 * style), and no framing — a framed /login or /admin is a clickjacking aid — except pages that
 * call `allowFraming`: the web chat, which the widget shows in an iframe on customers' sites.
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from './types.ts'

const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // Chat answers may show pictures from anywhere on the web (knowledge entries link them; webUrl.ts).
  "img-src 'self' data: https: http:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ')

export const pagePolicy = (frameable: boolean) => `${POLICY}; frame-ancestors ${frameable ? '*' : "'none'"}`

/** This page may be shown inside another site's iframe. */
export function allowFraming(c: Context<AppEnv>): void {
  c.set('frameable', true)
}

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async function securityHeaders(c, next) {
    await next()
    const set = headerSetter(c)
    set('X-Content-Type-Options', 'nosniff')
    set('Referrer-Policy', 'same-origin')
    if (!(c.res.headers.get('content-type') ?? '').startsWith('text/html')) return
    const frameable = c.get('frameable') === true
    set('Content-Security-Policy', pagePolicy(frameable))
    // For browsers older than frame-ancestors; it has no "anyone" value, so frameable pages omit it.
    if (!frameable) set('X-Frame-Options', 'DENY')
  }
}

/**
 * Headers added to a response already made. `c.header()` would rebuild it (hono copies a
 * finished response before changing it), which turns node-server's lightweight response into
 * a web stream and sends it on the slow path — a measurable share of a chat turn (issue 19).
 * Setting them on the response's own headers keeps it light; a response whose headers are
 * immutable (one from fetch, Response.redirect) is rebuilt as before.
 */
function headerSetter(c: Context<AppEnv>): (name: string, value: string) => void {
  return (name, value) => {
    try {
      c.res.headers.set(name, value)
    } catch {
      c.header(name, value)
    }
  }
}
