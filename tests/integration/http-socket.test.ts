import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { webchatModule } from '../../adapters/webchat/module.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime } from '../support/services.ts'

// Issue 19: the body limit judges a declared length by its header and the security headers
// are set on the response already made, so node-server keeps its fast paths. These are the
// cases `app.request` cannot show: a real socket, a Content-Length, a chunked body, and
// node-server's own response object.
describe('HTTP over a real socket', () => {
  let rt: Runtime
  let server: Awaited<ReturnType<typeof serveForTest>>
  beforeAll(async () => {
    rt = await testRuntime('pglite', { config: { BODY_LIMIT_KB: '1' } })
    server = await serveForTest(rt, [webchatModule])
  })
  afterAll(async () => {
    await server?.stop()
    await rt?.close()
  })

  /** A raw POST: `chunks` are written one by one; without `length` the body goes chunked. */
  const post = (path: string, chunks: string[], length?: number) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const headers: Record<string, string | number> = { 'content-type': 'application/json' }
      if (length !== undefined) headers['content-length'] = length
      const req = request(`${server.url}${path}`, { method: 'POST', headers }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (d) => (body += d))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
      })
      req.on('error', reject)
      for (const c of chunks) req.write(c)
      req.end()
    })

  it('reads a body within the limit and answers JSON with nosniff and Referrer-Policy', async () => {
    const body = JSON.stringify({})
    const res = await post('/webchat/api/session', [body], Buffer.byteLength(body))
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toMatchObject({ token: expect.any(String), visitorId: expect.any(String) })
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('same-origin')
    expect(res.headers['x-request-id']).toEqual(expect.any(String))
  })

  it('refuses a declared length over the limit with 413 (zh and en), whatever the route', async () => {
    const big = JSON.stringify({ token: 'x'.repeat(2000) })
    for (const path of ['/webchat/api/session', '/no/such/route']) {
      const res = await post(path, [big], Buffer.byteLength(big))
      expect(res.status, path).toBe(413)
      const error = JSON.parse(res.body).error
      expect(error.code).toBe('payload_too_large')
      expect(error.message).toContain('1 KB')
      expect(error.message).toMatch(/请求内容超过/)
      expect(res.headers['x-content-type-options']).toBe('nosniff')
    }
  })

  it('counts a chunked body as it arrives: under the limit it is read, over it 413', async () => {
    const small = await post('/webchat/api/session', ['{', '}'])
    expect(small.status).toBe(200)
    const over = await post('/webchat/api/session', ['{"token":"', 'x'.repeat(700), 'x'.repeat(700), '"}'])
    expect(over.status).toBe(413)
    expect(JSON.parse(over.body).error.code).toBe('payload_too_large')
  })
})
