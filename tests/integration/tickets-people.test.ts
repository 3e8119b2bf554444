/**
 * Issue 18, item 6: the note typed with a status change reaches the customer and the
 * history; a complaint the bot opens is high priority with an owner; resolving a complaint
 * needs its root cause (预防).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../../bot/clock.ts'
import type { Db } from '../../bot/db/client.ts'
import { setPresence } from '../../bot/handoff/presence.ts'
import { setSetting } from '../../bot/settings.ts'
import { createTicket } from '../../bot/tickets/createTicket.ts'
import { changeTicketStatus } from '../../bot/tickets/transition.ts'
import { customer } from '../support/customers.ts'
import { DB_KINDS, testDb } from '../support/services.ts'
import { bootTicketRuntime, customerIdOf, staff, toCustomer } from './tickets-helpers.ts'

describe.each(DB_KINDS)('tickets and people on %s', (kind) => {
  const cleanup: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn()
  })
  async function fresh() {
    const db: Db = await testDb(kind)
    cleanup.push(() => db.close())
    const clock = new ManualClock(new Date('2026-11-23T03:00:00Z'))
    return bootTicketRuntime(kind, false, db, clock, cleanup)
  }

  it('sends the note typed with a status change to the customer and keeps it in the history', async () => {
    const rt = await fresh()
    const agent = await staff(rt)
    const c = customer(rt)
    await c.say('你好')
    const t = await createTicket({ ctx: agent, input: { customerId: await customerIdOf(rt, c.externalUserId), type: 'repair', subject: '洗衣机不脱水' } })
    await changeTicketStatus({ ctx: agent, number: t.number, input: { to: 'open', note: '师傅明天上午 10 点上门。' } })
    expect((await toCustomer(rt, c.externalUserId)).at(-1)!.text).toContain('师傅明天上午 10 点上门。')
    const ev = (await rt.db.query<any>(`select public_text, data from ticket_events where ticket_id = $1 and kind = 'status' order by id desc limit 1`, [t.id]))
      .rows[0]
    expect(ev.public_text).toContain('师傅明天上午 10 点上门。')
    expect(ev.data.note).toBe('师傅明天上午 10 点上门。')
  })

  it('gives a complaint the bot opens high priority and an owner: the complaints owner, else the agent on duty', async () => {
    const rt = await fresh()
    const onDuty = await staff(rt)
    await setPresence(onDuty, onDuty.actor.id, 'online')
    const lead = await staff(rt, 'supervisor')
    const complain = async () => {
      const c = customer(rt)
      await c.say('我要投诉')
      await c.say('登记工单', { payload: 'ticket' })
      await c.say('快递员把包裹扔在门口就走了，还态度很差')
      return (await rt.db.query<any>(`select type, priority, owner_id, assignee_id from tickets order by id desc limit 1`)).rows[0]
    }
    expect(await complain()).toEqual({ type: 'complaint', priority: 'high', owner_id: onDuty.actor.id, assignee_id: onDuty.actor.id })
    await setSetting(rt.db, { type: 'system', name: 'test' }, 'tickets.complaintsOwnerId', lead.actor.id)
    expect(await complain()).toMatchObject({ type: 'complaint', priority: 'high', owner_id: lead.actor.id })
  })

  it('resolves a complaint only with its root cause (预防), kept on the ticket and not told to the customer', async () => {
    const rt = await fresh()
    const agent = await staff(rt)
    const c = customer(rt)
    await c.say('你好')
    const t = await createTicket({ ctx: agent, input: { customerId: await customerIdOf(rt, c.externalUserId), type: 'complaint', subject: '快递员态度差' } })
    await expect(changeTicketStatus({ ctx: agent, number: t.number, input: { to: 'resolved' } })).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/根本原因[\s\S]*root cause/),
      details: { field: 'rootCause', reason: 'root_cause_required' },
    })
    expect((await rt.db.query<any>('select status from tickets where id = $1', [t.id])).rows[0].status).not.toBe('resolved')
    const cause = '配送站未培训新快递员；已安排培训并加入抽查。'
    const done = await changeTicketStatus({ ctx: agent, number: t.number, input: { to: 'resolved', rootCause: cause, note: '已向快递员所在站点反馈。' } })
    expect(done).toMatchObject({ status: 'resolved', rootCause: cause })
    const told = (await toCustomer(rt, c.externalUserId)).at(-1)!.text
    expect(told).toContain('已向快递员所在站点反馈。')
    expect(told).not.toContain('培训')
  })
})
