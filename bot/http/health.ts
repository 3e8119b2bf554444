/** /healthz: the process answers. /readyz: database and job backend reachable. /metrics: Prometheus. */
import type { Hono } from 'hono'
import type { Registry } from 'prom-client'
import type { Services } from '../context.ts'
import type { AppEnv } from './types.ts'
import { describeRoute } from './api.ts'

export function healthRoutes(app: Hono<AppEnv>, services: Services, registry: Registry) {
  describeRoute(app, { method: 'get', path: '/healthz', role: 'public', summary: 'Liveness: the process answers', tag: 'health', produces: 'application/json' })
  app.get('/healthz', (c) => c.json({ status: 'ok' }))

  describeRoute(app, {
    method: 'get',
    path: '/readyz',
    role: 'public',
    summary: 'Readiness: database and job queue reachable (503 when not)',
    tag: 'health',
    produces: 'application/json',
  })
  app.get('/readyz', async (c) => {
    const database = await services.db
      .query('select 1')
      .then(() => ({ ok: true, detail: services.db.kind }))
      .catch((err: Error) => ({ ok: false, detail: `database unreachable: ${err.message}` }))
    const jobs = await services.jobs.health()
    const ok = database.ok && jobs.ok
    return c.json({ status: ok ? 'ready' : 'not_ready', checks: { database, jobs } }, ok ? 200 : 503)
  })

  describeRoute(app, {
    method: 'get',
    path: '/metrics',
    role: 'public',
    summary: 'Prometheus metrics (keep it behind the proxy: the compose nginx does not pass it)',
    tag: 'health',
    produces: 'text/plain',
  })
  app.get('/metrics', async (c) => {
    c.header('Content-Type', registry.contentType)
    return c.body(await registry.metrics())
  })
}
