// Issue 15 (9): with PostgreSQL out of reach every request answered 500 `internal`, which says
// "bug" to a caller and an operator alike. Now it is 503 `database_unavailable` with Retry-After,
// quickly, and everything works again once the database is back.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminModule } from '../../admin/module.ts'
import { createWebchatModule } from '../../adapters/webchat/module.ts'
import { openDb, type Db } from '../../bot/db/client.ts'
import { migrate } from '../../bot/db/migrate.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { requireEnv, testRuntime, uniqueName } from '../support/services.ts'
import { tcpProxy, type TcpProxy } from '../support/tcpProxy.ts'
import { visitor } from './webchatClient.ts'

describe('PostgreSQL lost while running', () => {
  const url = requireEnv('TEST_DATABASE_URL')
  const schema = uniqueName('t')
  let proxy: TcpProxy
  let db: Db
  let rt: Runtime
  let client: TestClient

  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    await c.query(sql)
    await c.end()
  }

  beforeAll(async () => {
    const target = new URL(url)
    proxy = await tcpProxy({ host: target.hostname, port: Number(target.port || 5432) })
    await admin(`create schema ${schema}`)
    const through = new URL(url)
    through.hostname = '127.0.0.1'
    through.port = String(proxy.port)
    db = await openDb({ url: through.href, schema, poolSize: 3 })
    await migrate(db)
    rt = await testRuntime('postgres', { db })
    client = testApp(rt, [createWebchatModule(), adminModule])
  })
  afterAll(async () => {
    await rt?.close()
    await db?.close()
    await proxy?.close()
    await admin(`drop schema if exists ${schema} cascade`)
  })

  it('answers 503 database_unavailable within a second, and recovers when the database is back', async () => {
    const staff = await client.loginAs('admin')
    const v = visitor(client.app)
    const token = (await v.session()).body.token
    expect((await v.send(token, '你好')).status).toBe(200)

    await proxy.cut()
    const calls: [string, () => Response | Promise<Response>][] = [
      [
        'staff login',
        () =>
          client.app.request('/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: 'x', password: 'y' }),
          }),
      ],
      ['staff page', () => client.app.request('/admin', { headers: { cookie: staff.cookie } })],
      ['staff API', () => client.app.request('/api/v1/me', { headers: { cookie: staff.cookie } })],
      [
        'web chat message',
        () =>
          client.app.request('/webchat/api/messages', {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ id: crypto.randomUUID(), text: '在吗' }),
          }),
      ],
    ]
    for (const [what, call] of calls) {
      const started = performance.now()
      const res = await call()
      const ms = performance.now() - started
      expect(res.status, what).toBe(503)
      expect(res.headers.get('retry-after'), what).toBe('5')
      expect(((await res.json()) as any).error, what).toMatchObject({ code: 'database_unavailable', requestId: expect.any(String) })
      expect(ms, what).toBeLessThan(1000)
    }
    expect((await client.app.request('/readyz')).status).toBe(503)

    await proxy.restore()
    await expect.poll(async () => (await client.app.request('/api/v1/me', { headers: { cookie: staff.cookie } })).status, { timeout: 10_000 }).toBe(200)
    expect((await v.send(token, '在吗')).status).toBe(200)
  })
})
