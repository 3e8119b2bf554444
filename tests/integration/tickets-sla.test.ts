import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../../bot/clock.ts'
import type { Db } from '../../bot/db/client.ts'
import { setSetting } from '../../bot/settings.ts'
import { addBusinessTime } from '../../bot/tickets/businessHours.ts'
import { createTicket } from '../../bot/tickets/createTicket.ts'
import { replyOnTicket } from '../../bot/tickets/notes.ts'
import { changeTicketStatus } from '../../bot/tickets/transition.ts'
import { setTicketPriority } from '../../bot/tickets/updateTicket.ts'
import { customer } from '../support/customers.ts'
import { testDb, type DbKind } from '../support/services.ts'
import { bootTicketRuntime, customerIdOf, staff } from './tickets-helpers.ts'

const HOURS = { timezone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00', holidays: ['2026-11-30'] }
const DRIVERS: { kind: DbKind; redis: boolean }[] = [
  { kind: 'pglite', redis: false },
  { kind: 'postgres', redis: false },
  { kind: 'postgres', redis: true },
]

describe('business hours', () => {
  it('counts only open office time, skipping nights, weekends and holidays; 24×7 without office hours', () => {
    // Friday 17:30 Shanghai + 1 h → 30 min on Friday, Monday is a holiday → Tuesday 09:30.
    expect(addBusinessTime(new Date('2026-11-27T09:30:00Z'), 3_600_000, HOURS).toISOString()).toBe('2026-12-01T01:30:00.000Z')
    expect(addBusinessTime(new Date('2026-11-22T03:00:00Z'), 1_800_000, HOURS).toISOString()).toBe('2026-11-23T01:30:00.000Z')
    expect(addBusinessTime(new Date('2026-11-27T09:30:00Z'), 3_600_000, null).toISOString()).toBe('2026-11-27T10:30:00.000Z')
  })
})

describe.each(DRIVERS)('SLA timers on $kind, redis=$redis', ({ kind, redis }) => {
  const cleanup: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn()
  })
  const boot = (db: Db, clock: ManualClock) => bootTicketRuntime(kind, redis, db, clock, cleanup)
  const notices = async (db: Db, kind: string) => (await db.query<any>('select * from notifications where kind = $1 order by id', [kind])).rows
  /** A fresh database and runtime at `start` (with office hours, if given), a staff member, and a customer who has written once. */
  async function setUp(start: string, hours: typeof HOURS | null = null) {
    const db = await testDb(kind)
    cleanup.push(() => db.close())
    const clock = new ManualClock(new Date(start))
    const rt = await boot(db, clock)
    if (hours) await setSetting(db, { type: 'system', name: 'test' }, 'officeHours', hours)
    const agent = await staff(rt)
    const c = customer(rt)
    await c.say('你好')
    return { db, clock, rt, agent, customerId: await customerIdOf(rt, c.externalUserId) }
  }

  it('warns at 80 %, escalates on breach in office hours, and loses no timer across a restart', async () => {
    const { db, clock, agent, customerId, ...first } = await setUp('2026-11-27T09:30:00Z', HOURS) // Friday 17:30 in Shanghai
    let rt = first.rt
    const t = await createTicket({ ctx: agent, input: { customerId, type: 'complaint', priority: 'high', subject: '安装延误' } })
    expect(t.firstResponseDueAt!.toISOString()).toBe('2026-12-01T01:30:00.000Z') // 60 min of office time later

    await rt.close() // restart between scheduling and firing
    rt = await boot(db, clock)
    clock.set(new Date('2026-12-01T01:17:00Z'))
    await rt.jobs.drain()
    expect(await notices(db, 'sla_warning')).toHaveLength(0)
    clock.set(new Date('2026-12-01T01:18:00Z')) // 48 of 60 minutes
    await rt.jobs.drain()
    expect((await notices(db, 'sla_warning')).map((n) => n.recipient_id)).toEqual([agent.actor.id])
    clock.set(new Date('2026-12-01T01:30:00Z'))
    await rt.jobs.drain()
    const breach = await notices(db, 'sla_breach')
    expect(breach.map((n) => n.recipient_id ?? n.recipient_role)).toEqual([agent.actor.id, 'supervisor'])
    const row = (await db.query<any>('select priority, first_response_breached_at from tickets where id = $1', [t.id])).rows[0]
    expect(row.priority).toBe('urgent')
    expect(row.first_response_breached_at).not.toBeNull()
  })

  it('re-times the clocks when the priority changes, and goes quiet once the customer has an answer', async () => {
    const { db, clock, rt, agent, customerId: id } = await setUp('2026-11-23T02:00:00Z') // Monday 10:00, 24×7 (no office hours)
    const slow = await createTicket({ ctx: agent, input: { customerId: id, type: 'enquiry', priority: 'normal', subject: 'a' } }) // 240 min
    const quick = await setTicketPriority({ ctx: agent, number: slow.number, input: { priority: 'urgent' } }) // 30 min
    expect(quick.firstResponseDueAt!.toISOString()).toBe('2026-11-23T02:30:00.000Z')
    const answered = await createTicket({ ctx: agent, input: { customerId: id, type: 'enquiry', priority: 'urgent', subject: 'b' } })
    await replyOnTicket({ ctx: agent, number: answered.number, input: { text: '您好，我们正在处理。' } })
    clock.advance(31 * 60_000)
    await rt.jobs.drain()
    const breached = (await notices(db, 'sla_breach')).map((n) => Number(n.subject_id))
    expect(new Set(breached)).toEqual(new Set([slow.id]))
  })

  it('stops the resolution clock while the ticket waits on the customer and resumes it with the office time that remained, across restarts', async () => {
    const { db, clock, agent, customerId, ...first } = await setUp('2026-11-23T01:00:00Z', HOURS) // Monday 09:00 in Shanghai, the office opens
    let rt = first.rt
    // Urgent: 240 min of office time to resolve, so due Monday 13:00.
    const t = await createTicket({ ctx: agent, input: { customerId, type: 'repair', priority: 'urgent', subject: '电梯停运' } })
    expect(t.resolutionDueAt!.toISOString()).toBe('2026-11-23T05:00:00.000Z')
    clock.set(new Date('2026-11-23T01:20:00Z')) // 09:20: 20 minutes used, we ask the customer for photos
    const waiting = await changeTicketStatus({ ctx: agent, number: t.number, input: { to: 'pending_customer', note: '请拍一张控制面板的照片。' } })
    expect(waiting).toMatchObject({ resolutionDueAt: null, resolutionPausedAt: new Date('2026-11-23T01:20:00Z'), resolutionPausedMs: 0 })

    await rt.close() // restart while the clock stands still
    rt = await boot(db, clock)
    clock.set(new Date('2026-11-24T01:59:00Z')) // far past the old due time and its warning
    await rt.jobs.drain()
    expect(await notices(db, 'sla_warning')).toHaveLength(0)
    expect(await notices(db, 'sla_breach')).toHaveLength(0)

    // Tuesday 10:00 the customer has answered: 520 + 60 minutes of office time were theirs, 220 remain.
    clock.set(new Date('2026-11-24T02:00:00Z'))
    const resumed = await changeTicketStatus({ ctx: agent, number: t.number, input: { to: 'open' } })
    expect(resumed).toMatchObject({ resolutionPausedAt: null, resolutionPausedMs: 580 * 60_000 })
    expect(resumed.resolutionDueAt!.toISOString()).toBe('2026-11-24T05:40:00.000Z') // 10:00 + 220 min
    const history = await db.query<any>(`select data from ticket_events where ticket_id = $1 and kind = 'status' order by id`, [t.id])
    expect(history.rows.at(-1).data.waitedMs).toBe(580 * 60_000)

    await rt.close() // restart with the re-set timers pending
    rt = await boot(db, clock)
    clock.set(new Date('2026-11-24T04:51:00Z'))
    await rt.jobs.drain()
    expect(await notices(db, 'sla_warning')).toHaveLength(0)
    clock.set(new Date('2026-11-24T04:52:00Z')) // 80 % of 240 = 192 min of our time: 20 on Monday, 172 from 10:00
    await rt.jobs.drain()
    expect(await notices(db, 'sla_warning')).toHaveLength(1)
    clock.set(new Date('2026-11-24T05:39:00Z'))
    await rt.jobs.drain()
    expect(await notices(db, 'sla_breach')).toHaveLength(0)
    clock.set(new Date('2026-11-24T05:40:00Z'))
    await rt.jobs.drain()
    expect((await notices(db, 'sla_breach')).map((n) => n.data.clock)).toEqual(['resolution', 'resolution']) // the owner and the supervisors
    expect((await db.query<any>('select resolution_breached_at from tickets where id = $1', [t.id])).rows[0].resolution_breached_at).not.toBeNull()
  })

  it('adds a wait that ends in "resolved" too, and a reopened ticket starts its new round without old waits', async () => {
    const { clock, agent, customerId } = await setUp('2026-11-23T02:00:00Z') // 24×7
    const t = await createTicket({ ctx: agent, input: { customerId, type: 'enquiry', priority: 'urgent', subject: '发票' } })
    await changeTicketStatus({ ctx: agent, number: t.number, input: { to: 'pending_customer', note: '请提供抬头。' } })
    clock.advance(90 * 60_000)
    const done = await changeTicketStatus({ ctx: agent, number: t.number, input: { to: 'resolved' } })
    expect(done).toMatchObject({ resolutionPausedAt: null, resolutionPausedMs: 90 * 60_000 })
    expect(done.resolutionDueAt!.toISOString()).toBe('2026-11-23T07:30:00.000Z') // 02:00 + 4 h + the 90 min wait
    const again = await changeTicketStatus({ ctx: agent, number: t.number, input: { to: 'reopened' } })
    expect(again.resolutionPausedMs).toBe(0)
    expect(again.resolutionDueAt!.toISOString()).toBe('2026-11-23T07:30:00.000Z') // reopened at 03:30, a fresh 4 h
  })
})
