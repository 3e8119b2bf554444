import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../../bot/clock.ts'
import type { Db } from '../../bot/db/client.ts'
import { acceptConversation, closeConversation } from '../../bot/handoff/agentActions.ts'
import { setSetting } from '../../bot/settings.ts'
import { slaReport } from '../../bot/surveys/reports.ts'
import { createTicket } from '../../bot/tickets/createTicket.ts'
import { changeTicketStatus } from '../../bot/tickets/transition.ts'
import { customer } from '../support/customers.ts'
import { testDb, type DbKind } from '../support/services.ts'
import { bootTicketRuntime, customerIdOf, staff, toCustomer } from './tickets-helpers.ts'

const DRIVERS: { kind: DbKind; redis: boolean }[] = [
  { kind: 'pglite', redis: false },
  { kind: 'postgres', redis: false },
  { kind: 'postgres', redis: true },
]
const system = { type: 'system' as const, name: 'test' }

describe.each(DRIVERS)('surveys on $kind, redis=$redis', ({ kind, redis }) => {
  const cleanup: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn()
  })
  const boot = (db: Db, clock: ManualClock) => bootTicketRuntime(kind, redis, db, clock, cleanup)
  async function fresh() {
    const db = await testDb(kind)
    cleanup.push(() => db.close())
    const clock = new ManualClock(new Date('2026-11-23T03:00:00Z'))
    return { db, clock, rt: await boot(db, clock) }
  }
  const surveysOf = async (db: Db) => (await db.query<any>('select * from surveys order by id')).rows

  it('surveys a human-handled conversation once, after the delay and across a restart; refuses bad answers politely', async () => {
    const { db, clock, rt: first } = await fresh()
    const agent = await staff(first)
    const c = customer(first)
    const q = await c.say('转人工')
    await acceptConversation({ ctx: agent, id: q.conversationId })
    await closeConversation({ ctx: agent, id: q.conversationId })
    expect(await surveysOf(db)).toMatchObject([{ status: 'scheduled' }])
    await first.close() // restart before the survey is due
    const rt = await boot(db, clock)
    clock.advance(30_000)
    await rt.jobs.drain()
    expect((await surveysOf(db))[0].status).toBe('scheduled')
    clock.advance(31_000)
    await rt.jobs.drain()
    await rt.jobs.drain()
    const [s] = await surveysOf(db)
    expect(s).toMatchObject({ status: 'sent', agent_id: agent.actor.id, channel: 'webchat', scale: 'three' })
    const sent = (await toCustomer(rt, c.externalUserId)).filter((m) => m.text.includes('打个分'))
    expect(sent).toHaveLength(1) // never twice
    expect(sent[0]!.conversationId).not.toBe(q.conversationId) // the closed conversation stays closed; a new one carries it
    expect(sent[0]!.buttons.map((b) => b.label)).toEqual(['满意', '基本满意', '不满意'])

    const c2 = customer(rt, c.externalUserId)
    expect((await c2.say('7')).replies[0]!.text).toContain('1–3')
    expect((await customer(rt).say('满意', { payload: sent[0]!.buttons[0]!.payload })).replies[0]!.text).toContain('失效') // someone else's survey
    expect((await c2.say('你好')).replies[0]!.kind).toBe('greeting') // not a rating: the bot answers as usual
    expect((await c2.say('3 等得太久了')).replies[0]!.text).toContain('抱歉')
    expect((await surveysOf(db))[0]).toMatchObject({ status: 'answered', level: 'dissatisfied', score: 1, comment: '等得太久了' })
    expect((await c2.say('满意', { payload: sent[0]!.buttons[0]!.payload })).replies[0]!.text).toContain('失效') // already answered
  })

  it('closes a resolved ticket as no_response when the callback goes unanswered, across a restart', async () => {
    const { db, clock, rt: first } = await fresh()
    const agent = await staff(first)
    const c = customer(first)
    await c.say('你好')
    const t = await createTicket({ ctx: agent, input: { customerId: await customerIdOf(first, c.externalUserId), type: 'repair', subject: '洗衣机不脱水' } })
    await changeTicketStatus({ ctx: agent, number: t.number, input: { to: 'resolved' } })
    await first.close() // restart between "resolved" and the survey
    const rt = await boot(db, clock)
    clock.advance(61_000)
    await rt.jobs.drain()
    expect((await surveysOf(db))[0]).toMatchObject({ subject_type: 'ticket', status: 'sent' })
    clock.advance(72 * 3_600_000)
    await rt.jobs.drain()
    expect((await surveysOf(db))[0]).toMatchObject({ status: 'expired', outcome: 'no_response' })
    const row = (await db.query<any>('select status, close_reason from tickets where id = $1', [t.id])).rows[0]
    expect(row).toEqual({ status: 'closed', close_reason: 'no_response' })
    expect((await toCustomer(rt, c.externalUserId)).at(-1)!.text).toContain('已结案')
    const [sla] = await slaReport(db, {})
    expect(sla).toMatchObject({ closed_no_response: 1, closed_satisfied: 0 })
    // A late press on the expired callback is refused kindly.
    const late = await customer(rt, c.externalUserId).say('满意', { payload: `sv:${(await surveysOf(db))[0].id}:3` })
    expect(late.replies[0]!.text).toContain('失效')
  })

  it('uses the 1–5 scale when set', async () => {
    const { db, clock, rt } = await fresh()
    await setSetting(db, system, 'surveys.scale', 'five')
    const agent = await staff(rt)
    const c = customer(rt)
    const q = await c.say('转人工')
    await acceptConversation({ ctx: agent, id: q.conversationId })
    await closeConversation({ ctx: agent, id: q.conversationId })
    clock.advance(61_000)
    await rt.jobs.drain()
    const sent = (await toCustomer(rt, c.externalUserId)).at(-1)!
    expect(sent.buttons.map((b) => b.label)).toEqual(['5 分', '4 分', '3 分', '2 分', '1 分'])
    expect((await c.say('6')).replies[0]!.text).toContain('1–5')
    await c.say('4')
    expect((await surveysOf(db))[0]).toMatchObject({ score: 4, level: 'satisfied', scale: 'five' })
  })
})
