// Issue 18, item 4, the data side on both databases: per-agent read state (unread counts that
// only move forward), waiting-since in the inbox, and the warnings the console shows — a chat
// waiting past 80 % / 100 % of the queue timeout, a ticket whose SLA timer warned, then breached.
import { afterEach, describe, expect, it } from 'vitest'
import { consoleAlerts } from '../../admin/console/alertsQuery.ts'
import { inboxCounts, listInbox } from '../../admin/console/inboxQuery.ts'
import { ManualClock } from '../../bot/clock.ts'
import { acceptConversation } from '../../bot/handoff/agentActions.ts'
import { markRead } from '../../bot/handoff/readState.ts'
import { setSetting } from '../../bot/settings.ts'
import { createTicket } from '../../bot/tickets/createTicket.ts'
import { customer } from '../support/customers.ts'
import { DB_KINDS, testDb } from '../support/services.ts'
import { bootTicketRuntime, customerIdOf, staff } from './tickets-helpers.ts'

describe.each(DB_KINDS)('console alerts on %s', (kind) => {
  const cleanup: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn()
  })

  async function setUp() {
    const db = await testDb(kind)
    cleanup.push(() => db.close())
    const clock = new ManualClock(new Date('2026-11-23T02:00:00Z')) // Monday 10:00 Shanghai; 24×7 by default
    const rt = await bootTicketRuntime(kind, false, db, clock, cleanup)
    return { db, clock, rt, lin: await staff(rt), wang: await staff(rt) }
  }

  it('counts unread customer messages per agent, keeps read state forward-only, and says since when a customer waits', async () => {
    const { db, clock, rt, lin, wang } = await setUp()
    const c = customer(rt, 'v-read')
    const { conversationId: id } = await c.say('转人工')
    const queued = (await listInbox(db, 'queue', lin.actor.id)).find((x) => x.id === id)!
    expect(queued.waitingSince?.toISOString()).toBe('2026-11-23T02:00:00.000Z')
    expect(queued.unread).toBe(1)

    await acceptConversation({ ctx: lin, id })
    await markRead(lin, lin.actor.id, id)
    clock.advance(30_000)
    await c.say('在吗')
    await c.say('我的订单号是 12345')
    const mine = (await listInbox(db, 'mine', lin.actor.id)).find((x) => x.id === id)!
    expect(mine.unread).toBe(2)
    expect(mine.waitingSince?.toISOString()).toBe('2026-11-23T02:00:30.000Z') // the unanswered message
    expect((await inboxCounts(db, lin.actor.id)).unread).toBe(2)
    // Another agent's read state is their own.
    await markRead(wang, wang.actor.id, id)
    expect((await inboxCounts(db, lin.actor.id)).unread).toBe(2)

    const newest = Number((await db.query<any>('select max(id) as id from messages where conversation_id = $1', [id])).rows[0].id)
    expect((await markRead(lin, lin.actor.id, id)).lastReadMessageId).toBe(newest)
    expect((await markRead(lin, lin.actor.id, id, newest - 3)).lastReadMessageId).toBe(newest) // never backwards
    expect((await inboxCounts(db, lin.actor.id)).unread).toBe(0)
    await expect(markRead(lin, lin.actor.id, 999_999)).rejects.toThrow(/No conversation/)
  })

  it('warns about a long wait at 80 % of the queue timeout and a ticket once its SLA timer warned, then breached', async () => {
    const { db, clock, rt, lin, wang } = await setUp()
    await setSetting(db, { type: 'system', name: 'test' }, 'handoff.waitTimeoutSec', 100)
    const c = customer(rt, 'v-sla')
    const { conversationId } = await c.say('转人工')
    const ticket = await createTicket({
      ctx: lin,
      input: { customerId: await customerIdOf(rt, 'v-sla'), type: 'enquiry', priority: 'normal', subject: '发票' },
    })
    const alerts = () => consoleAlerts(db, lin.actor.id, false, clock.now())

    clock.advance(79_000)
    expect((await alerts()).waits).toEqual([])
    clock.advance(1_000)
    expect((await alerts()).waits).toMatchObject([{ conversationId, level: 'near' }])
    clock.advance(20_000)
    expect((await alerts()).waits).toMatchObject([{ conversationId, level: 'over' }])

    const due = ticket.firstResponseDueAt!.getTime()
    const start = ticket.createdAt.getTime()
    expect((await alerts()).tickets).toEqual([])
    clock.set(new Date(start + (due - start) * 0.8 + 1000))
    await rt.jobs.drain()
    expect((await alerts()).tickets).toMatchObject([{ number: ticket.number, clock: 'first_response', level: 'near' }])
    expect((await consoleAlerts(db, wang.actor.id, false, clock.now())).tickets).toEqual([]) // not wang's ticket
    expect((await consoleAlerts(db, wang.actor.id, true, clock.now())).tickets).toHaveLength(1) // a supervisor's view
    clock.set(new Date(due + 1000))
    await rt.jobs.drain()
    expect((await alerts()).tickets).toMatchObject([{ number: ticket.number, level: 'over' }])
  })
})
