// The WeChat access token, shared by every process through the database (tokenStore.ts), on
// both databases. The fake WeChat API counts /cgi-bin/token calls and, as WeChat does once
// its overlap is over, accepts only the newest token it issued: two processes that each
// fetched their own would keep invalidating each other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wechatApi, type WechatApi } from '../../adapters/wechat-oa/api.ts'
import { ManualClock } from '../../bot/clock.ts'
import { openDb, type Db } from '../../bot/db/client.ts'
import { startFakeWechatApi, type FakeWechatApi } from '../support/channels/fake-wechat-api.ts'
import { WECHAT_TEST } from '../support/channels/wechat.ts'
import { DB_KINDS, requireEnv, testDb } from '../support/services.ts'

describe.each(DB_KINDS)('WeChat access token (%s)', (kind) => {
  let fake: FakeWechatApi
  let db: Db
  // A second replica: on PostgreSQL its own pool on the same schema; PGlite serves one process, so there a second client on it.
  let other: Db
  beforeAll(async () => {
    fake = await startFakeWechatApi(WECHAT_TEST)
    db = await testDb(kind)
    if (kind === 'postgres') {
      const schema = (await db.query<{ s: string }>('select current_schema() as s')).rows[0]!.s
      other = await openDb({ url: requireEnv('TEST_DATABASE_URL'), schema, poolSize: 3 })
    } else other = db
  })
  afterAll(async () => {
    if (other !== db) await other?.close()
    await db?.close()
    await fake?.close()
  })
  const cfg = (appId = WECHAT_TEST.appId) => ({
    ...WECHAT_TEST,
    appId,
    apiBase: fake.url,
    replyTimeoutMs: 4000,
    tokenMarginSec: 300,
    signatureWindowSec: 300,
    windowHours: 48,
  })
  const reset = async () => {
    await db.query('delete from wechat_access_tokens')
    fake.sent.length = 0
  }

  it('is cached, renewed before it expires, and renewed once when WeChat rejects it', async () => {
    await reset()
    const clock = new ManualClock(new Date('2025-03-01T08:00:00Z'))
    const api = wechatApi(cfg(), { db, clock })
    const before = fake.tokensIssued
    await Promise.all([api.sendText('o1', 'a'), api.sendText('o1', 'b')])
    expect(fake.tokensIssued - before).toBe(1) // two senders, one token request
    clock.advance((7200 - 300 - 1) * 1000)
    await api.sendText('o1', 'c')
    expect(fake.tokensIssued - before).toBe(1)
    clock.advance(2000) // inside the margin: renewed before WeChat would expire it
    await api.sendText('o1', 'd')
    expect(fake.tokensIssued - before).toBe(2)
    fake.expireToken() // 42001
    await api.sendText('o1', 'e')
    fake.failNext(40001)
    await api.sendText('o1', 'f')
    expect(fake.tokensIssued - before).toBe(4)
    expect(fake.sent.map((s) => s.content)).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
    fake.failNext(40001, 2) // renewed once only: a second rejection is an error
    await expect(api.sendText('o1', 'g')).rejects.toThrow(/40001/)
  })

  it('two replicas share one token: one fetch, one renewal after WeChat invalidates it, every message sent', async () => {
    await reset()
    const clock = new ManualClock(new Date('2025-03-02T08:00:00Z'))
    const replicas: WechatApi[] = [wechatApi(cfg(), { db, clock }), wechatApi(cfg(), { db: other, clock })]
    const before = fake.tokensIssued
    const round = (tag: string) => Promise.all(replicas.flatMap((api, r) => [1, 2, 3].map((i) => api.sendText(`o-${r}`, `${tag}-${r}-${i}`))))
    await round('first')
    expect(fake.tokensIssued - before).toBe(1)
    // Later sends on either replica keep using it: nobody fetches again.
    await round('second')
    expect(fake.tokensIssued - before).toBe(1)

    fake.expireToken() // WeChat now answers 42001 for it, to both replicas at once
    await round('third')
    expect(fake.tokensIssued - before).toBe(2) // renewed once for everyone, not once per process
    await round('fourth')
    expect(fake.tokensIssued - before).toBe(2)

    const sent = fake.sent.map((s) => s.content)
    for (const tag of ['first', 'second', 'third', 'fourth'])
      for (const r of [0, 1]) for (const i of [1, 2, 3]) expect(sent.filter((t) => t === `${tag}-${r}-${i}`)).toHaveLength(1)
    expect(sent).toHaveLength(24)
    const row = (await db.query<{ token: string }>('select token from wechat_access_tokens where app_id = $1', [WECHAT_TEST.appId])).rows[0]
    expect(row?.token).toBe(`ACCESS_TOKEN_${fake.tokensIssued}`)
  })

  it('a replica that starts later takes the stored token instead of invalidating the others', async () => {
    await reset()
    const clock = new ManualClock(new Date('2025-03-03T08:00:00Z'))
    await wechatApi(cfg(), { db, clock }).sendText('o-a', 'early')
    const before = fake.tokensIssued
    await wechatApi(cfg(), { db: other, clock }).sendText('o-b', 'late')
    expect(fake.tokensIssued - before).toBe(0)
  })
})
