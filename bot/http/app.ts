/**
 * The Hono host. Middleware in the order a request meets it: request id → logger →
 * metrics → body limit → identity → locale → CSRF. Feature modules (knowledge API,
 * admin pages, channel webhooks) mount their routes through `AppModule`.
 */
import { Hono } from 'hono'
import { requestId } from 'hono/request-id'
import type { Services } from '../context.ts'
import { PayloadTooLarge } from '../errors.ts'
import { csrf, identify } from './auth.ts'
import { authRoutes } from './authRoutes.ts'
import { bodyLimit } from './bodyLimit.ts'
import { notFound, onError } from './errors.ts'
import { healthRoutes } from './health.ts'
import { locale } from './locale.ts'
import { createMetrics } from './metrics.ts'
import { describeRoute, openApiDocument } from './api.ts'
import { securityHeaders } from './securityHeaders.ts'
import type { AppEnv, NavEntry } from './types.ts'

export interface AppModule {
  name: string
  /** Once per process before serving: register jobs, seed data, warm caches. */
  prepare?(services: Services): Promise<void>
  mount(app: Hono<AppEnv>, services: Services): void
  /** Links this module adds to the staff navigation. */
  nav?: NavEntry[]
  /** On shutdown, before the runtime closes: end pollers and long-lived connections. */
  stop?(): Promise<void>
}

export function createApp(services: Services, modules: AppModule[] = []): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const metrics = createMetrics()
  // Built here, per app, from the modules it serves: two apps in one process (tests) never share links.
  const nav = modules.flatMap((m) => m.nav ?? []).sort((a, b) => a.order - b.order)
  app.onError(onError)
  app.notFound(notFound)

  app.use(requestId({ headerName: 'X-Request-Id' }))
  app.use(async (c, next) => {
    const log = services.log.child({ requestId: c.get('requestId') })
    c.set('log', log)
    c.set('services', services)
    c.set('nav', nav)
    const start = performance.now()
    await next()
    // Quiet unless asked for (LOG_REQUESTS): one line per request would bury everything else.
    const line = { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - start) }
    if (services.config.LOG_REQUESTS) log.info(line, 'request')
    else log.debug(line, 'request')
  })
  app.use(metrics.middleware)
  app.use(securityHeaders())
  const bodyLimitOf = (kb: number) =>
    bodyLimit(kb * 1024, () => {
      throw new PayloadTooLarge(`请求内容超过 ${kb} KB。 / The request body is larger than ${kb} KB.`)
    })
  const general = bodyLimitOf(services.config.BODY_LIMIT_KB)
  // A file upload (a path ending in /upload: the web chat's, the console's) may be as large as a kept file.
  const upload = bodyLimitOf(services.config.MEDIA_MAX_MB * 1024 + 16)
  app.use((c, next) => (c.req.path.endsWith('/upload') ? upload(c, next) : general(c, next)))
  app.use(identify())
  app.use(locale(services.config.DEFAULT_LOCALE))
  app.use(csrf())

  healthRoutes(app, services, metrics.registry)
  authRoutes(app, services)
  for (const m of modules) m.mount(app, services)
  describeRoute(app, { method: 'get', path: '/api/v1/openapi.json', role: 'public', summary: 'This document', tag: 'meta', produces: 'application/json' })
  app.get('/api/v1/openapi.json', (c) => c.json(openApiDocument(app)))
  return app
}
