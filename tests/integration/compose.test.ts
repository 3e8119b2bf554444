import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { configSchema, parseConfig } from '../../bot/config.ts'

const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8'), { merge: true })

/** Resolve `${VAR:-default}` / `${VAR:?msg}` the way compose would with the given env. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name, op, arg) => {
    if (env[name] !== undefined) return env[name]!
    if (op === '?') throw new Error(`${name} required: ${arg}`)
    return op === '-' ? arg : ''
  })
}

describe('docker-compose.yml', () => {
  const known = new Set(Object.keys(configSchema.shape))

  it.each(['app', 'worker'])('%s sets only configuration variables the schema knows, and they parse', (name) => {
    const env = compose.services[name].environment as Record<string, string>
    const unknown = Object.keys(env).filter((k) => !known.has(k))
    expect(unknown).toEqual([])
    const resolved = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(String(v), { SESSION_SECRET: 'x'.repeat(32) })]))
    const config = parseConfig(resolved)
    expect(config.embedded).toBe(false)
    expect(config.REDIS_URL).toBe('redis://redis:6379')
    expect(config.DATABASE_URL).toMatch(/@postgres:5432\//)
    expect(() => interpolate(String(env.SESSION_SECRET), {})).toThrow(/SESSION_SECRET required/)
  })

  it('runs two app replicas without workers, one worker, pgvector PostgreSQL and Redis, each with a health check', () => {
    const s = compose.services
    expect(s.app.deploy.replicas).toBe(2)
    expect(s.app.environment.RUN_WORKERS).toBe('false')
    expect(s.app.command).toContain('--no-worker')
    expect(s.worker.command).toContain('worker')
    expect(s.postgres.image).toMatch(/^pgvector\/pgvector:/)
    expect(s.redis.image).toMatch(/^redis:/)
    for (const name of ['app', 'proxy', 'postgres', 'redis']) expect(s[name].healthcheck?.test, name).toBeTruthy()
    expect(s.postgres.volumes.join()).toContain('pgdata:')
    expect(s.redis.volumes.join()).toContain('redisdata:')
    expect(s.app.healthcheck.test.join(' ')).toContain('/readyz')
  })
})

// Issue 15 (9): the compose file turned COOKIE_SECURE off unless told otherwise, so a production
// deployment sent session cookies over plain HTTP by default.
describe('docker-compose.yml defaults', () => {
  it('marks session cookies Secure unless COOKIE_SECURE=false is asked for', () => {
    const env = compose.services.app.environment as Record<string, string>
    const resolve = (hostEnv: Record<string, string>) =>
      parseConfig(Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(String(v), { SESSION_SECRET: 'x'.repeat(32), ...hostEnv })])))
    expect(resolve({}).cookieSecure).toBe(true)
    expect(resolve({ COOKIE_SECURE: 'false' }).cookieSecure).toBe(false)
  })
})

// Issue 15 (9): /metrics was public through the compose proxy. There is no nginx on the test
// machines, so this reads deploy/nginx.conf: an exact-match location, which ends nginx's search
// for a location, must refuse it.
describe('deploy/nginx.conf', () => {
  const conf = readFileSync(new URL('../../deploy/nginx.conf', import.meta.url), 'utf8').replace(/#.*$/gm, '')
  const locations = [...conf.matchAll(/location\s+(=\s+|\^~\s+|~\*?\s+)?(\S+)\s*\{([^}]*)\}/g)].map((m) => ({
    modifier: (m[1] ?? '').trim(),
    path: m[2]!,
    body: m[3]!.trim(),
  }))

  it('does not serve /metrics to the outside', () => {
    const metrics = locations.filter((l) => l.path === '/metrics')
    expect(metrics).toEqual([{ modifier: '=', path: '/metrics', body: expect.stringMatching(/^(return 404|deny all);$/) }])
  })

  it('still proxies everything else to the app', () => {
    expect(locations.find((l) => l.path === '/' && l.modifier === '')?.body).toContain('proxy_pass http://kefu_app')
  })
})
