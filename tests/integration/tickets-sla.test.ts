import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../../bot/clock.ts'
import type { Db } from '../../bot/db/client.ts'
import { setSetting } from '../../bot/settings.ts'
import { addBusinessTime } from '../../bot/tickets/businessHours.ts'
import { createTicket } from '../../bot/tickets/createTicket.ts'
import { replyOnTicket } from '../../bot/tickets/notes.ts'
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

  it('warns at 80 %, escalates on breach in office hours, and loses no timer across a restart', async () => {
    const db = await testDb(kind)
    cleanup.push(() => db.close())
    const clock = new ManualClock(new Date('2026-11-27T09:30:00Z')) // Friday 17:30 in Shanghai
    let rt = await boot(db, clock)
    await setSetting(db, { type: 'system', name: 'test' }, 'officeHours', HOURS)
    const agent = await staff(rt)
    const c = customer(rt)
    await c.say('你好')
    const t = await createTicket({ ctx: agent, input: { customerId: await customerIdOf(rt, c.externalUserId), type: 'complaint', priority: 'high', subject: '安装延误' } })
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
    const db = await testDb(kind)
    cleanup.push(() => db.close())
    const clock = new ManualClock(new Date('2026-11-23T02:00:00Z')) // Monday 10:00, 24×7 (no office hours)
    const rt = await boot(db, clock)
    const agent = await staff(rt)
    const c = customer(rt)
    await c.say('你好')
    const id = await customerIdOf(rt, c.externalUserId)
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
})
