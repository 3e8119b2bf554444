import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../bot/runtime.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'

describe.each(DB_KINDS)('HTTP host on %s', (kind) => {
  let rt: Runtime
  let client: TestClient
  beforeAll(async () => {
    rt = await testRuntime(kind, { config: { BODY_LIMIT_KB: '4', LOGIN_MAX_ATTEMPTS: '3' } })
    client = testApp(rt)
  })
  afterAll(async () => rt?.close())

  it('answers /healthz, /readyz and /metrics, with a request id on every response', async () => {
    const h = await client.app.request('/healthz')
    expect(h.status).toBe(200)
    expect(h.headers.get('x-request-id')).toBeTruthy()
    const r = await client.app.request('/readyz')
    expect(await r.json()).toMatchObject({ status: 'ready', checks: { database: { ok: true, detail: kind } } })
    const m = await client.app.request('/metrics')
    const text = await m.text()
    expect(text).toContain('kefu_http_requests_total{method="GET",route="/healthz",status="200"} 1')
    expect(text).toContain('kefu_process_cpu_user_seconds_total')
  })

  it('maps malformed JSON to 400 and oversized bodies to 413, each with code and request id', async () => {
    const { headers } = await client.loginAs('admin')
    const bad = await client.app.request('/api/v1/tokens', { method: 'POST', headers, body: '{"name": ' })
    expect(bad.status).toBe(400)
    const body = (await bad.json()) as any
    expect(body.error).toMatchObject({ code: 'invalid_input' })
    expect(body.error.requestId).toBe(bad.headers.get('x-request-id'))
    const big = await client.app.request('/api/v1/tokens', { method: 'POST', headers, body: JSON.stringify({ name: 'x'.repeat(10_000), role: 'agent' }) })
    expect(big.status).toBe(413)
    expect(((await big.json()) as any).error.code).toBe('payload_too_large')
    const invalid = await client.app.request('/api/v1/tokens', { method: 'POST', headers, body: JSON.stringify({ name: '', role: 'boss' }) })
    expect(invalid.status).toBe(400)
    expect(((await invalid.json()) as any).error.details.issues.map((i: any) => i.path)).toEqual(['name', 'role'])
  })

  it('refuses staff routes to strangers (401), agents on admin routes (403), and state changes without CSRF', async () => {
    expect((await client.app.request('/api/v1/me')).status).toBe(401)
    const agent = await client.loginAs('agent')
    expect((await client.app.request('/api/v1/me', { headers: { cookie: agent.cookie } })).status).toBe(200)
    const forbidden = await client.app.request('/api/v1/tokens', { method: 'POST', headers: agent.headers, body: '{"name":"x","role":"agent"}' })
    expect(forbidden.status).toBe(403)
    const admin = await client.loginAs('admin')
    const noCsrf = await client.app.request('/api/v1/tokens', {
      method: 'POST',
      headers: { cookie: admin.cookie, 'content-type': 'application/json' },
      body: '{"name":"x","role":"agent"}',
    })
    expect(noCsrf.status).toBe(403)
    expect(((await noCsrf.json()) as any).error.code).toBe('csrf')
    const logoutNoCsrf = await client.app.request('/logout', { method: 'POST', headers: { cookie: admin.cookie } })
    expect(logoutNoCsrf.status).toBe(403)
  })

  it('issues API tokens that authenticate without cookies or CSRF, until revoked', async () => {
    const admin = await client.loginAs('admin')
    const created = await client.app.request('/api/v1/tokens', { method: 'POST', headers: admin.headers, body: '{"name":"crm","role":"supervisor"}' })
    expect(created.status).toBe(201)
    const { id, token } = (await created.json()) as any
    const me = await client.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } })
    expect(((await me.json()) as any).actor).toMatchObject({ type: 'apiToken', name: 'crm', role: 'supervisor' })
    expect((await client.app.request(`/api/v1/tokens/${id}`, { method: 'DELETE', headers: admin.headers })).status).toBe(200)
    expect((await client.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401)
  })

  it('rate-limits failed logins per account and address, and logs out', async () => {
    const admin = await client.loginAs('admin')
    const attempt = (password: string) =>
      client.app.request('/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
        body: JSON.stringify({ username: 'nobody', password }),
      })
    expect((await attempt('a')).status).toBe(401)
    expect((await attempt('b')).status).toBe(401)
    expect((await attempt('c')).status).toBe(401)
    const limited = await attempt('d')
    expect(limited.status).toBe(429)
    expect(((await limited.json()) as any).error.code).toBe('rate_limited')
    const out = await client.app.request('/logout', { method: 'POST', headers: { ...admin.headers, accept: 'application/json' } })
    expect(out.status).toBe(200)
    expect((await client.app.request('/api/v1/me', { headers: { cookie: admin.cookie } })).status).toBe(401)
  })

  it('sends anonymous visitors of staff pages to the login page, in their language', async () => {
    const res = await client.app.request('/admin')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login?next=%2Fadmin')
    const zh = await (await client.app.request('/login', { headers: { 'accept-language': 'zh-CN' } })).text()
    expect(zh).toContain('员工登录')
    const en = await (await client.app.request('/login?lang=en')).text()
    expect(en).toContain('Staff login')
  })
})
