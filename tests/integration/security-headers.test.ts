import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminModule } from '../../admin/module.ts'
import { staffAsset } from '../../admin/assets.ts'
import { webchatModule } from '../../adapters/webchat/module.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { testRuntime } from '../support/services.ts'

// Issue 15 (6): no HTML page had a CSP, framing rule, nosniff or Referrer-Policy. The headers
// touch no data, so one database kind is enough here.
describe('security headers', () => {
  let rt: Runtime
  let client: TestClient
  beforeAll(async () => {
    rt = await testRuntime('pglite')
    client = testApp(rt, [webchatModule, adminModule])
  })
  afterAll(async () => rt?.close())

  const expectCommon = (res: Response) => {
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('same-origin')
  }

  it('staff pages: strict CSP that refuses every framer, X-Frame-Options DENY', async () => {
    const admin = await client.loginAs('admin')
    for (const [path, headers] of [
      ['/login', {}],
      ['/admin', { cookie: admin.cookie }],
    ] as const) {
      const res = await client.app.request(path, { headers })
      expect(res.status, path).toBe(200)
      expectCommon(res)
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("style-src 'self'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).not.toContain('unsafe-inline')
      expect(res.headers.get('x-frame-options')).toBe('DENY')
    }
  })

  it('the web chat page may be framed by any site, under the same script policy', async () => {
    const res = await client.app.request('/?embed=1')
    expect(res.status).toBe(200)
    expectCommon(res)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain('frame-ancestors *')
    expect(csp).toContain("script-src 'self'")
    expect(res.headers.get('x-frame-options')).toBeNull()
    // Nothing inline for the CSP to refuse: no style attributes, no inline scripts.
    const html = await res.text()
    expect(html).not.toMatch(/\sstyle=/)
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/)
  })

  it('JSON answers and assets are nosniff too', async () => {
    expectCommon(await client.app.request('/api/v1/me'))
    expectCommon(await client.app.request(staffAsset('app.css')))
  })
})
