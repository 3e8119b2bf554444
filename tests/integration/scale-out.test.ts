/**
 * Two app instances on one PostgreSQL and one Redis, each with its own connection pool (as
 * two `kefu start --no-worker` processes): what one process remembers must not outlive a
 * change made on the other, and a customer's requests may land on either (issue 19).
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminModule } from '../../admin/module.ts'
import { panelModule } from '../../admin/panel/module.ts'
import { webchatModule } from '../../adapters/webchat/module.ts'
import { conversationsModule } from '../../bot/conversations/module.ts'
import { openDb, type Db } from '../../bot/db/client.ts'
import type { BusEvent } from '../../bot/events/bus.ts'
import type { ProfileSnapshot } from '../../bot/perf/turnProfile.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { customer } from '../support/customers.ts'
import { seedKnowledge } from '../support/knowledge.ts'
import { requireEnv, testDb, testRuntime, uniqueName } from '../support/services.ts'

const modules = [knowledgeModule, conversationsModule, webchatModule, panelModule, adminModule]
const nextEvent = (rt: Runtime, topic: 'settings' | `conversation:${number}`, type: BusEvent['type']) =>
  new Promise<BusEvent>((resolve) => {
    const off = rt.bus.subscribe(topic, (e) => {
      if (e.type === type) off(), resolve(e)
    })
  })

describe('two app instances, each with its own pool, on one PostgreSQL and Redis', () => {
  let dbA: Db
  let dbB: Db
  let a: Runtime
  let b: Runtime
  let onA: TestClient
  let onB: TestClient
  const profile = join(mkdtempSync(join(tmpdir(), 'kefu-profile-')), 'turn.json')

  beforeAll(async () => {
    dbA = await testDb('postgres')
    const schema = (await dbA.query<{ s: string }>('select current_schema() as s')).rows[0]!.s
    dbB = await openDb({ url: requireEnv('TEST_DATABASE_URL'), schema, poolSize: 5 })
    const shared = { REDIS_URL: requireEnv('TEST_REDIS_URL'), QUEUE_PREFIX: uniqueName('so'), SESSION_SECRET: 'x'.repeat(40) }
    a = await testRuntime('postgres', { db: dbA, config: { ...shared, TURN_PROFILE: profile } })
    b = await testRuntime('postgres', { db: dbB, config: shared })
    for (const m of [knowledgeModule, conversationsModule]) await m.prepare!(a)
    expect(await seedKnowledge(a)).toBeGreaterThan(30)
    onA = testApp(a, modules)
    onB = testApp(b, modules)
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
    await dbB?.close()
    await dbA?.close()
  })

  it('holds a setting saved on one instance for the next message on the other, not 5 s later', async () => {
    // B reads the telegram channel's settings, and remembers them.
    expect((await customer(b, undefined, 'telegram').say('怎麼退貨')).replies[0]).toMatchObject({ kind: 'answer', kbEntryId: 'demo-return' })
    const admin = await onA.loginAs('admin')
    const heard = nextEvent(b, 'settings', 'settings')
    const put = await onA.app.request('/api/v1/panel/settings', {
      method: 'PUT',
      headers: admin.headers,
      body: JSON.stringify({ 'channels.telegram': { handling: 'people' } }),
    })
    expect(put.status).toBe(200)
    await heard
    const queued = await customer(b, undefined, 'telegram').say('怎麼退貨')
    expect(queued.replies.map((r) => r.kind)).toEqual(['queue'])
    await onA.app.request('/api/v1/panel/settings', {
      method: 'PUT',
      headers: admin.headers,
      body: JSON.stringify({ 'channels.telegram': { handling: 'bot' } }),
    })
  })

  it('stores and answers a web chat message once whichever instance takes it, and tells the other instance', async () => {
    const session = (await (await onA.app.request('/webchat/api/session', { method: 'POST', body: '{}' })).json()) as { token: string }
    const post = (app: TestClient['app'], id: string, text: string) =>
      app.request('/webchat/api/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
        body: JSON.stringify({ id, text }),
      })
    const hello = (await (await post(onA.app, randomUUID(), '你好')).json()) as { conversationId: number }
    // B follows the conversation (as its event stream would) while A takes the question.
    const pushedOnB = nextEvent(b, `conversation:${hello.conversationId}`, 'message')
    const id = randomUUID()
    const first = (await (await post(onA.app, id, '怎麼退貨')).json()) as any
    expect(first).toMatchObject({ duplicate: false, message: { id: expect.any(Number), clientId: id } })
    expect(first.replies[0]).toMatchObject({ kind: 'answer' })
    expect(await pushedOnB).toMatchObject({ type: 'message' })
    // The widget retries on B: recognised, answered no second time, the same stored id.
    const again = (await (await post(onB.app, id, '怎麼退貨')).json()) as any
    expect(again).toMatchObject({ duplicate: true, replies: [], message: { id: first.message.id } })
    const rows = await dbA.query<{ direction: string }>(
      'select direction from messages where conversation_id = $1 and created_at >= (select created_at from messages where id = $2)',
      [hello.conversationId, first.message.id],
    )
    expect(rows.rows.map((r) => r.direction)).toEqual(['in', 'out'])
  })

  it('serves an answer edited on the other instance — even by plain SQL — from the next turns', async () => {
    const ask = async () => (await customer(b, undefined, 'telegram').say('怎麼退貨')).replies[0]
    const before = await ask()
    expect(before).toMatchObject({ kind: 'answer', kbEntryId: 'demo-return' })
    const version = async () => (await dbA.query<{ v: number }>('select version as v from kb_index_state where id = 1')).rows[0]!.v
    const v0 = await version()
    const old = (await dbA.query<{ answer: string }>(`select answer from kb_entries where id = 'demo-return'`)).rows[0]!.answer
    try {
      // No admin verb, no re-index: the write alone moves the KB version (a trigger) and tells B.
      await dbA.query(`update kb_entries set answer = $1 where id = 'demo-return'`, ['改过的退货说明'])
      expect(await version()).toBe(v0 + 1)
      await expect.poll(async () => (await ask())?.text, { timeout: 2000 }).toBe('改过的退货说明')
    } finally {
      await dbA.query(`update kb_entries set answer = $1 where id = 'demo-return'`, [old])
    }
    await expect.poll(async () => (await ask())?.text, { timeout: 2000 }).toBe(old)
  })

  it('writes the cost model of its turns (stages, CPU, round trips) when TURN_PROFILE is set', async () => {
    const session = (await (await onA.app.request('/webchat/api/session', { method: 'POST', body: '{}' })).json()) as { token: string }
    const sent = await onA.app.request('/webchat/api/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
      // A wording A has not ranked yet: a remembered one makes no round trip to search.
      body: JSON.stringify({ id: randomUUID(), text: '怎么开发票' }),
    })
    expect(sent.status).toBe(200)
    const before = Date.now()
    let snap: ProfileSnapshot | null = null
    while (Date.now() - before < 5000) {
      await new Promise((r) => setTimeout(r, 300))
      try {
        snap = JSON.parse(readFileSync(profile, 'utf8')) as ProfileSnapshot
        if (snap.turns > 0 && snap.stages.search) break
      } catch {
        /* not written yet */
      }
    }
    expect(snap?.turns).toBeGreaterThan(0)
    expect(snap?.stages.search).toBeDefined()
    for (const stage of ['customer', 'dedup', 'search', 'reply', 'publish']) expect(snap!.stages[stage]!.cpuMs, stage).toBeGreaterThan(0)
    for (const stage of ['customer', 'dedup', 'search', 'reply']) expect(snap!.stages[stage]!.trips, stage).toBeGreaterThan(0)
    // The flush announces the rows the turn's statements returned: publishing asks the database nothing.
    expect(snap!.stages.publish!.trips).toBe(0)
  })
})
