/** Prometheus metrics: one registry per app (tests build many apps in one process). */
import type { MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import { RateLimited } from '../errors.ts'
import type { AppEnv } from './types.ts'

export interface Metrics {
  registry: Registry
  middleware: MiddlewareHandler<AppEnv>
}

export function createMetrics(): Metrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'kefu_' })
  const requests = new Counter({
    name: 'kefu_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  })
  const duration = new Histogram({
    name: 'kefu_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  })
  const refused = new Counter({
    name: 'kefu_rate_limited_total',
    help: 'Requests refused with 429 by a rate limit, by limit',
    labelNames: ['limit'],
    registers: [registry],
  })
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const start = performance.now()
    await next()
    // The route pattern, not the raw path, keeps label cardinality bounded.
    const route = routePath(c) || 'unmatched'
    requests.inc({ method: c.req.method, route, status: String(c.res.status) })
    duration.observe({ method: c.req.method, route }, (performance.now() - start) / 1000)
    // Hono keeps the error the handler threw; the mapper already turned it into the 429.
    if (c.error instanceof RateLimited) refused.inc({ limit: String(c.error.details?.limit ?? 'other') })
  }
  return { registry, middleware }
}
