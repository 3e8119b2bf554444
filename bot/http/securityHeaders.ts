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
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Referrer-Policy', 'same-origin')
    if (!(c.res.headers.get('content-type') ?? '').startsWith('text/html')) return
    const frameable = c.get('frameable') === true
    c.header('Content-Security-Policy', pagePolicy(frameable))
    // For browsers older than frame-ancestors; it has no "anyone" value, so frameable pages omit it.
    if (!frameable) c.header('X-Frame-Options', 'DENY')
  }
}
