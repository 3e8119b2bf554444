import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../bot/http/app.ts'
import type { Db } from '../../bot/db/client.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { createWebchatModule } from '../../adapters/webchat/module.ts'
import { requireEnv, testDb, testRuntime, uniqueName } from '../support/services.ts'

// Small budgets keep the test fast: a visitor may send 3 at once, then one a second.
const LIMITS = {
  TRUST_PROXY_HOPS: '1',
  WEBCHAT_LIMIT_MESSAGES_PER_VISITOR: '3,60',
  WEBCHAT_LIMIT_MESSAGES_PER_IP: '100,600',
  WEBCHAT_LIMIT_SESSIONS_PER_IP: '3,6',
  WEBCHAT_LIMIT_READS_PER_IP: '5,60',
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
let ipSeq = 0
const newIp = () => `198.51.100.${++ipSeq}`

/** A browser at one address (behind the trusted proxy, which appends it to X-Forwarded-For). */
function client(app: ReturnType<typeof createApp>, ip: string, lang = 'zh') {
  const headers = (token?: string) => ({
    'content-type': 'application/json',
    'accept-language': lang,
    // The left entry is what a client could forge; only the one the proxy appended counts.
    'x-forwarded-for': `10.9.9.${ipSeq % 250}, ${ip}`,
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  })
  return {
    session: async (token?: string) => app.request('/webchat/api/session', { method: 'POST', headers: headers(token) }),
    send: async (token: string, text: string, id = randomUUID()) =>
      app.request('/webchat/api/messages', { method: 'POST', headers: headers(token), body: JSON.stringify({ id, text }) }),
    history: async (token: string) => app.request('/webchat/api/history', { headers: headers(token) }),
    async token() {
      const res = await this.session()
      expect(res.status).toBe(200)
      return (await res.json()) as { token: string; visitorId: string }
    },
  }
}

async function storedTexts(db: Db, visitorId: string): Promise<string[]> {
  const r = await db.query<{ text: string }>(`select text from messages where channel = 'webchat' and channel_message_id like $1 order by id`, [
    `${visitorId}:%`,
  ])
  return r.rows.map((row) => row.text)
}

describe('web chat rate limits, two app instances sharing Redis and PostgreSQL', () => {
  let db: Db
  let a: Runtime
  let b: Runtime
  let appA: ReturnType<typeof createApp>
  let appB: ReturnType<typeof createApp>

  beforeAll(async () => {
    db = await testDb('postgres')
    const shared = { ...LIMITS, REDIS_URL: requireEnv('TEST_REDIS_URL'), QUEUE_PREFIX: uniqueName('rl'), SESSION_SECRET: 'x'.repeat(40) }
    a = await testRuntime('postgres', { db, config: shared })
    b = await testRuntime('postgres', { db, config: shared })
    appA = createApp(a, [createWebchatModule()])
    appB = createApp(b, [createWebchatModule()])
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
    await db?.close()
  })

  it('refuses a flood past the burst with 429 and Retry-After, stores none of it, and lets the visitor write again after waiting', async () => {
    const c = client(appA, newIp())
    const { token, visitorId } = await c.token()
    const texts = Array.from({ length: 8 }, (_, i) => `第${i + 1}条`)
    const answers = await Promise.all(texts.map((t) => c.send(token, t)))
    const accepted = answers.filter((r) => r.status === 200)
    const refused = answers.filter((r) => r.status === 429)
    expect(accepted).toHaveLength(3)
    expect(refused).toHaveLength(5)
    const retryAfter = Number(refused[0]!.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(2)
    const body = (await refused[0]!.json()) as any
    expect(body.error).toMatchObject({ code: 'rate_limited', message: '发送太快了，请稍等几秒再试。', requestId: expect.any(String) })
    expect(body.error.details).toMatchObject({ limit: 'webchat_messages_visitor', retryAfterSeconds: retryAfter })

    // Exactly the accepted ones were stored (and answered); the refused left no trace.
    const acceptedTexts = await Promise.all(accepted.map(async (r) => (await r.json()) as any))
    const stored = await storedTexts(db, visitorId)
    expect(stored).toHaveLength(3)
    expect(new Set(stored).size).toBe(3)
    for (const r of acceptedTexts) expect(r.replies.length).toBeGreaterThan(0)

    // In English too.
    const en = await client(appA, newIp(), 'en').send(token, 'hello?')
    expect(en.status).toBe(429)
    expect(((await en.json()) as any).error.message).toBe("You're sending messages too quickly — please wait a few seconds and try again.")

    await sleep(retryAfter * 1000 + 100)
    const again = await c.send(token, '现在可以了吗')
    expect(again.status).toBe(200)
    expect(await storedTexts(db, visitorId)).toHaveLength(4)
  })

  it('never refuses the resend of a message that was already accepted', async () => {
    const c = client(appA, newIp())
    const { token, visitorId } = await c.token()
    const id = randomUUID()
    expect((await c.send(token, '第一条', id)).status).toBe(200)
    for (const t of ['二', '三', '四']) await c.send(token, t) // the budget is spent now
    const resend = await c.send(token, '第一条', id)
    expect(resend.status).toBe(200)
    expect(((await resend.json()) as any).duplicate).toBe(true)
    expect(await storedTexts(db, visitorId)).toEqual(['第一条', '二', '三'])
  })

  it('shares one budget between the two instances', async () => {
    const ip = newIp()
    const onA = client(appA, ip)
    const onB = client(appB, ip)
    const { token, visitorId } = await onA.token()
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await (i % 2 ? onB : onA).send(token, `消息${i}`)).status)
    // However fast each instance answers, the 4th message is over the shared burst of 3.
    expect(statuses.filter((s) => s === 200)).toHaveLength(3)
    expect(statuses.filter((s) => s === 429)).toHaveLength(3)
    expect(await storedTexts(db, visitorId)).toHaveLength(3)
  })

  it('never refuses a customer writing at a normal pace', async () => {
    const c = client(appB, newIp())
    const { token, visitorId } = await c.token()
    // Three quickly (a fast typist), then one a little over a second apart.
    for (const t of ['你好', '我的订单', '还没到']) expect((await c.send(token, t)).status).toBe(200)
    for (const t of ['订单号 123456', '麻烦帮我查一下', '谢谢']) {
      await sleep(1100)
      expect((await c.send(token, t)).status).toBe(200)
    }
    expect(await storedTexts(db, visitorId)).toHaveLength(6)
  })

  it('limits session creation per client address, across instances, and not for others', async () => {
    const ip = newIp()
    expect((await client(appA, ip).session()).status).toBe(200)
    expect((await client(appB, ip).session()).status).toBe(200)
    expect((await client(appA, ip).session()).status).toBe(200)
    const refused = await client(appB, ip).session()
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(((await refused.json()) as any).error).toMatchObject({ code: 'rate_limited', details: { limit: 'webchat_sessions_ip' } })
    // Another address is not affected.
    expect((await client(appA, newIp()).session()).status).toBe(200)
  })

  it('limits history and stream reads per address', async () => {
    const c = client(appA, newIp())
    const { token } = await c.token()
    const statuses = await Promise.all(Array.from({ length: 7 }, () => c.history(token).then((r) => r.status)))
    expect(statuses.filter((s) => s === 200)).toHaveLength(5)
    expect(statuses.filter((s) => s === 429)).toHaveLength(2)
  })

  it('counts refused requests in /metrics', async () => {
    const text = await (await appA.request('/metrics')).text()
    expect(text).toMatch(/kefu_rate_limited_total\{limit="webchat_messages_visitor"\} [1-9]/)
    expect(text).toMatch(/kefu_rate_limited_total\{limit="webchat_sessions_ip"\} [1-9]|kefu_rate_limited_total\{limit="webchat_reads_ip"\} [1-9]/)
  })
})

describe('web chat rate limits without Redis (embedded default)', () => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await testRuntime('pglite', { config: { WEBCHAT_LIMIT_MESSAGES_PER_VISITOR: '2,60' } })
  })
  afterAll(async () => rt?.close())

  it('keeps the counters in memory; the defaults let a fast typist through', async () => {
    const app = createApp(rt, [createWebchatModule()])
    const c = client(app, 'ignored') // no trusted proxy: X-Forwarded-For is not believed
    const { token } = await c.token()
    const statuses = await Promise.all(['一', '二', '三'].map((t) => c.send(token, t).then((r) => r.status)))
    expect(statuses.sort()).toEqual([200, 200, 429])

    const defaults = await testRuntime('pglite')
    try {
      const d = client(createApp(defaults, [createWebchatModule()]), 'ignored')
      const { token: t2 } = await d.token()
      const quick = await Promise.all(['在吗', '我想问一下', '退货', '运费', '多久到'].map((t) => d.send(t2, t).then((r) => r.status)))
      expect(quick).toEqual([200, 200, 200, 200, 200])
    } finally {
      await defaults.close()
    }
  })
})

describe('web chat rate limits when Redis is down', () => {
  it('serve the customer (fail open)', async () => {
    // A port nothing listens on: the limiter cannot count, and must not turn anyone away.
    const rt = await testRuntime('pglite', {
      config: { REDIS_URL: 'redis://127.0.0.1:1', QUEUE_PREFIX: uniqueName('down'), RUN_WORKERS: 'false', WEBCHAT_LIMIT_SESSIONS_PER_IP: '1,1' },
    })
    try {
      const c = client(createApp(rt, [createWebchatModule()]), 'ignored')
      for (let i = 0; i < 3; i++) expect((await c.session()).status).toBe(200)
    } finally {
      await rt.close()
    }
  }, 30_000)
})
