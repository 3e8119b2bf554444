import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemCtx } from '../../bot/context.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'

// Issue 15 (1): every guess of a concurrent burst used to pass the count before any failure was
// recorded (the hash sits between the two), so 100 guesses were all checked with a limit of 5.
describe.each(DB_KINDS)('login throttle under a concurrent burst on %s', (kind) => {
  let rt: Runtime
  let client: TestClient
  beforeAll(async () => {
    rt = await testRuntime(kind, { config: { LOGIN_MAX_ATTEMPTS: '5' } })
    client = testApp(rt)
    await createUser({ ctx: systemCtx(rt), input: { username: 'mei', role: 'agent', password: 'the-right-password' } })
  })
  afterAll(async () => rt?.close())

  const attempt = (password: string) =>
    client.app.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.7' },
      body: JSON.stringify({ username: 'mei', password }),
    })

  it('checks only LOGIN_MAX_ATTEMPTS of 100 simultaneous guesses, and then refuses even the right one', async () => {
    const burst = await Promise.all(Array.from({ length: 100 }, (_, i) => attempt(`guess-${i}`)))
    const statuses = burst.map((r) => r.status)
    expect(statuses.filter((s) => s === 401)).toHaveLength(5)
    expect(statuses.filter((s) => s === 429)).toHaveLength(95)
    const recorded = await rt.db.query<{ n: number }>('select count(*)::int as n from login_failures')
    expect(recorded.rows[0]!.n).toBe(5)
    expect((await attempt('the-right-password')).status).toBe(429)
  })

  it('a right password within the limit logs in and clears the count', async () => {
    await rt.db.query('delete from login_failures')
    expect((await attempt('wrong')).status).toBe(401)
    expect((await attempt('the-right-password')).status).toBe(200)
    const left = await rt.db.query<{ n: number }>('select count(*)::int as n from login_failures')
    expect(left.rows[0]!.n).toBe(0)
  })
})
