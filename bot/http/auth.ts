/** Authentication, role guard and CSRF protection as Hono middleware. */
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { actorFromApiToken, sessionFromToken } from '../auth/identify.ts'
import { safeEqual } from '../auth/secrets.ts'
import type { Role } from '../context.ts'
import { Forbidden, Unauthorized } from '../errors.ts'
import type { AppEnv } from './types.ts'

export const SESSION_COOKIE = 'kefu_session'
const RANK: Record<Role, number> = { agent: 1, supervisor: 2, admin: 3 }
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Sets `actor` (and `session` for cookie logins); never rejects by itself. */
export function identify(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('actor', null)
    c.set('session', null)
    const services = c.get('services')
    const bearer = c.req.header('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1]
    // Only our API tokens (kefu_…) are looked up; other bearers (web-chat visitor tokens) are not staff.
    if (bearer?.startsWith('kefu_')) {
      c.set('actor', await actorFromApiToken(services, bearer.trim()))
    } else if (!bearer) {
      const token = getCookie(c, SESSION_COOKIE)
      const found = token ? await sessionFromToken(services, token) : null
      if (found) {
        c.set('actor', found.actor)
        c.set('session', found.session)
      }
    }
    await next()
  }
}

/** 401 without a staff identity, 403 below the required role (admin > supervisor > agent). */
export function requireRole(min: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = c.get('actor')
    if (!actor || (actor.type !== 'user' && actor.type !== 'apiToken')) throw new Unauthorized('Please log in.')
    if (RANK[actor.role] < RANK[min]) throw new Forbidden(`This needs the ${min} role.`)
    await next()
  }
}

/**
 * Cookie-authenticated state changes must carry the session's CSRF token (header
 * `x-csrf-token`, or `_csrf` in a form). API tokens are exempt: browsers never attach them.
 */
export function csrf(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const session = c.get('session')
    if (session && !SAFE_METHODS.has(c.req.method)) {
      const sent = c.req.header('x-csrf-token') ?? (await formField(c, '_csrf'))
      if (!sent || !safeEqual(sent, session.csrfToken)) {
        throw new CsrfError('Missing or wrong CSRF token; reload the page and try again.')
      }
    }
    await next()
  }
}

export class CsrfError extends Forbidden {
  override readonly code = 'csrf'
}

async function formField(c: Context<AppEnv>, name: string): Promise<string | undefined> {
  const type = c.req.header('content-type') ?? ''
  if (!type.includes('application/x-www-form-urlencoded') && !type.includes('multipart/form-data')) return undefined
  const body = await c.req.parseBody()
  const v = body[name]
  return typeof v === 'string' ? v : undefined
}

/** Login forms have no session yet: refuse cross-site posts by their Origin instead. */
export function sameOrigin(c: Context<AppEnv>): boolean {
  const origin = c.req.header('origin')
  if (!origin) return true
  try {
    return new URL(origin).host === new URL(c.req.url).host
  } catch {
    return false
  }
}
