/** Staff login/logout (form or JSON), "who am I", and API-token management. */
import type { Context, Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { z } from 'zod'
import { createApiToken, revokeApiToken } from '../auth/apiTokens.ts'
import { login, logout } from '../auth/login.ts'
import { withActor, type Ctx, type Services } from '../context.ts'
import { DomainError, Forbidden, ValidationError } from '../errors.ts'
import { requireRole, SESSION_COOKIE, sameOrigin } from './auth.ts'
import { clientAddress } from './clientAddress.ts'
import { parseInput, readJson } from './json.ts'
import { safeNext } from './safeNext.ts'
import type { AppEnv } from './types.ts'
import { describeRoute } from './api.ts'

const loginInput = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200), next: z.string().optional() })

type LogoutHook = (ctx: Ctx) => Promise<void>
const logoutHooks = new Set<LogoutHook>()

/** Features that track a staff member (the console's presence) hear when they log out. */
export function onLogout(hook: LogoutHook): void {
  logoutHooks.add(hook)
}

export function authRoutes(app: Hono<AppEnv>, services: Services) {
  describeRoute(app, {
    method: 'post',
    path: '/login',
    role: 'public',
    summary: 'Log in with username and password (throttled); sets the session cookie, returns the CSRF token',
    tag: 'auth',
    produces: 'application/json',
  })
  app.post('/login', async (c) => {
    const isJson = (c.req.header('content-type') ?? '').includes('application/json')
    if (!sameOrigin(c)) throw new Forbidden('Cross-site login refused.')
    const input = isJson ? await readJson(c, loginInput) : await formInput(c)
    try {
      const result = await login(services, { username: input.username, password: input.password, address: clientAddress(c, services.config.TRUST_PROXY_HOPS) })
      setCookie(c, SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: services.config.cookieSecure,
        path: '/',
        expires: result.expiresAt,
      })
      if (isJson) return c.json({ user: result.user, csrfToken: result.csrfToken })
      return c.redirect(safeNext(input.next), 303)
    } catch (err) {
      if (isJson || !(err instanceof DomainError)) throw err
      const q = new URLSearchParams({ error: err.code, next: safeNext(input.next) })
      return c.redirect(`/login?${q}`, 303)
    }
  })

  describeRoute(app, { method: 'post', path: '/logout', role: 'public', summary: 'Log out: ends the session', tag: 'auth', produces: 'application/json' })
  app.post('/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE)
    const actor = c.get('actor')
    if (token) await logout(services, token)
    // A hook's failure must not keep anyone logged in.
    if (token && actor?.type === 'user') {
      for (const hook of logoutHooks) await hook(withActor(services, actor)).catch((err) => c.get('log').warn({ err }, 'logout hook failed'))
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    const isJson = (c.req.header('accept') ?? '').includes('application/json')
    return isJson ? c.json({ ok: true }) : c.redirect('/login', 303)
  })

  describeRoute(app, {
    method: 'get',
    path: '/api/v1/me',
    role: 'agent',
    summary: 'Who is logged in (id, name, role)',
    tag: 'auth',
    produces: 'application/json',
  })
  app.get('/api/v1/me', requireRole('agent'), (c) => {
    return c.json({ actor: c.get('actor'), csrfToken: c.get('session')?.csrfToken ?? null, locale: c.get('locale') })
  })

  describeRoute(app, {
    method: 'post',
    path: '/api/v1/tokens',
    role: 'admin',
    summary: 'Create an API token (shown once)',
    tag: 'auth',
    produces: 'application/json',
  })
  app.post('/api/v1/tokens', requireRole('admin'), async (c) => {
    const input = await readJson(c, z.unknown())
    return c.json(await createApiToken({ ctx: withActor(services, c.get('actor')!), input }), 201)
  })

  describeRoute(app, { method: 'delete', path: '/api/v1/tokens/:id', role: 'admin', summary: 'Revoke an API token', tag: 'auth', produces: 'application/json' })
  app.delete('/api/v1/tokens/:id', requireRole('admin'), async (c) => {
    const id = Number(c.req.param('id'))
    if (!Number.isInteger(id)) throw new ValidationError('Token id must be a number.')
    await revokeApiToken({ ctx: withActor(services, c.get('actor')!), input: { id } })
    return c.json({ ok: true })
  })
}

async function formInput(c: Context<AppEnv>) {
  const body = await c.req.parseBody()
  return parseInput(loginInput, { username: body.username, password: body.password, next: body.next })
}
