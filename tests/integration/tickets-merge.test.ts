// Merging duplicate tickets: the customer who wrote twice, once on the web chat and once on
// Telegram (two customer records with the same phone). Domain and HTTP, on both databases.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../bot/clock.ts'
import type { Ctx } from '../../bot/context.ts'
import { conversationsModule } from '../../bot/conversations/module.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { createTicket } from '../../bot/tickets/createTicket.ts'
import { mergeTickets } from '../../bot/tickets/mergeTickets.ts'
import { ticketsModule } from '../../bot/tickets/module.ts'
import { addTicketAttachment, addTicketNote } from '../../bot/tickets/notes.ts'
import { ticketDetail } from '../../bot/tickets/readTickets.ts'
import { changeTicketStatus } from '../../bot/tickets/transition.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { customer } from '../support/customers.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'
import { customerIdOf, staff, toCustomer } from './tickets-helpers.ts'

/** What went out to Telegram, captured at the sender (the outbox's last step). */
const telegramSent: { externalUserId: string | null; text: string }[] = []

describe.each(DB_KINDS)('merging duplicate tickets on %s', (kind) => {
  let rt: Runtime
  let clock: ManualClock
  let agent: Ctx & { actor: { id: number } }
  let client: TestClient
  const call = async (method: string, path: string, body?: unknown) => {
    // A fresh login each time: the manual clock moves days ahead between the tests.
    const { headers } = await client.loginAs('agent')
    const res = await client.app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    return { status: res.status, body: (await res.json()) as any }
  }

  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-11-23T03:00:00Z'))
    rt = await testRuntime(kind, { clock })
    rt.senders.register({
      channel: 'telegram',
      send: async (d) => (telegramSent.push({ externalUserId: d.externalUserId, text: d.text }), { platformMessageIds: [String(telegramSent.length)] }),
    })
    await conversationsModule.prepare!(rt)
    await ticketsModule.prepare!(rt)
    agent = await staff(rt)
    client = testApp(rt, [ticketsModule])
  })
  afterAll(async () => rt?.close())

  /** One person on two channels: a web chat visitor and a Telegram user whose profiles share a phone. */
  async function twoChannels(phone: string) {
    const web = customer(rt)
    const tg = customer(rt, `tg-${randomUUID()}`, 'telegram')
    const w = await web.say('我家的热水器漏水了')
    const t = await tg.say('热水器漏水，昨天在网页上也说过')
    const [webId, tgId] = [await customerIdOf(rt, web.externalUserId), await customerIdOf(rt, tg.externalUserId)]
    await rt.db.query('update customers set phone = $2 where id = any($1)', [[webId, tgId], phone])
    const survivor = await createTicket({ ctx: agent, input: { customerId: webId, conversationId: w.conversationId, type: 'repair', subject: '热水器漏水' } })
    const dup = await createTicket({
      ctx: agent,
      input: { customerId: tgId, conversationId: t.conversationId, type: 'repair', subject: '热水器漏水（Telegram）' },
    })
    return { web, tg, webId, tgId, survivor, dup }
  }

  it('closes the duplicates as merged, cancels their timers and callback, tells their customer, and keeps their history', async () => {
    const { tg, tgId, survivor, dup } = await twoChannels('13900001111')
    // A second duplicate already resolved, its callback scheduled but not yet sent.
    const resolved = await createTicket({ ctx: agent, input: { customerId: tgId, type: 'repair', subject: '又一次' } })
    await changeTicketStatus({ ctx: agent, number: resolved.number, input: { to: 'resolved' } })
    await addTicketNote({ ctx: agent, number: dup.number, input: { text: '客户在 Telegram 也报了一次' } })
    await addTicketAttachment({ ctx: agent, number: dup.number, input: { url: 'https://files.example.com/leak.jpg', title: '漏水照片' } })

    const out = await mergeTickets({ ctx: agent, number: survivor.number, input: { from: [dup.number, resolved.number], note: '同一位客户' } })
    expect(out.merged).toEqual([dup.number, resolved.number])
    const rows = (
      await rt.db.query<any>('select number, status, close_reason, merged_into_id from tickets where number = any($1) order by id', [
        [dup.number, resolved.number],
      ])
    ).rows
    expect(rows).toEqual([
      { number: dup.number, status: 'closed', close_reason: 'merged', merged_into_id: survivor.id },
      { number: resolved.number, status: 'closed', close_reason: 'merged', merged_into_id: survivor.id },
    ])
    expect((await rt.db.query<any>('select status from surveys where ticket_id = $1', [resolved.id])).rows).toEqual([{ status: 'cancelled' }])

    // The duplicate's own page still reads: its note, its link, and where it went.
    const old = await ticketDetail(agent, dup.number)
    expect(old.mergedInto).toBe(survivor.number)
    expect(old.events.map((e) => e.kind)).toEqual(['created', 'note', 'attachment', 'merged_into'])
    expect(old.attachments[0]).toMatchObject({ title: '漏水照片' })
    // The survivor records the merges and shows both source conversations.
    const kept = await ticketDetail(agent, survivor.number)
    expect(kept.events.filter((e) => e.kind === 'merged_from').map((e) => e.to)).toEqual([dup.number, resolved.number])
    expect(kept.merged.map((m) => [m.number, m.channel])).toEqual([
      [dup.number, 'telegram'],
      [resolved.number, null],
    ])
    expect(kept.merged[0]!.conversationId).toBe(dup.conversationId)
    expect(kept.ticket.conversationId).toBe(survivor.conversationId)
    const audit = await rt.db.query<any>(`select actor_id, subject_id, data from audit_events where action = 'ticket.merged' order by id`)
    expect(audit.rows.map((a) => [a.actor_id, a.subject_id, a.data.into])).toEqual([
      [String(agent.actor.id), dup.number, survivor.number],
      [String(agent.actor.id), resolved.number, survivor.number],
    ])

    // Told on Telegram (through the outbox) that the case continues as the survivor's number.
    const told = (await toCustomer(rt, tg.externalUserId, 'telegram')).filter((m) => m.text.includes('合并'))
    expect(told.map((m) => m.text)).toEqual([
      expect.stringContaining(`${dup.number} 和工单 ${survivor.number}`),
      expect.stringContaining(`${resolved.number} 和工单 ${survivor.number}`),
    ])
    await rt.jobs.drain()
    expect(telegramSent.filter((m) => m.externalUserId === tg.externalUserId && m.text.includes(`以工单 ${survivor.number} 为准`))).toHaveLength(2)

    // Nothing of the duplicates wakes up later: no SLA warning or breach, no callback.
    clock.advance(10 * 24 * 3_600_000)
    await rt.jobs.drain()
    await rt.jobs.drain()
    const late = await rt.db.query<any>(`select subject_id from notifications where kind in ('sla_warning', 'sla_breach')`)
    expect(late.rows.map((n) => Number(n.subject_id))).toContain(survivor.id) // the timers did run…
    expect(late.rows.map((n) => Number(n.subject_id))).not.toContain(dup.id) // …but not the duplicate's
    expect((await rt.db.query<any>('select status from surveys where ticket_id = $1', [resolved.id])).rows).toEqual([{ status: 'cancelled' }])
    expect((await toCustomer(rt, tg.externalUserId, 'telegram')).some((m) => m.text.includes(`${resolved.number} 的回访`))).toBe(false)
  })

  it('tells the customer in the chat that an old number was merged, never anyone else', async () => {
    const { web, tg, survivor, dup } = await twoChannels('13900002222')
    await mergeTickets({ ctx: agent, number: survivor.number, input: { from: [dup.number] } })
    const asked = (await tg.say(dup.number)).replies[0]!
    expect(asked.text).toContain(`工单 ${dup.number} 已合并到工单 ${survivor.number}`)
    expect(asked.text).toContain('已登记，待受理') // the survivor's status
    expect(asked.buttons.map((b) => b.label)).toEqual([survivor.number])
    // The survivor is where their case went, so it is theirs to follow; the list says what happened to the old one.
    expect((await tg.say(survivor.number)).replies[0]!.text).toContain(`工单 ${survivor.number}`)
    expect((await tg.say('我的工单')).replies[0]!.text).toContain(`${dup.number} · 报修 · 已合并到 ${survivor.number}`)
    // The web chat side just sees its own ticket; a stranger sees nothing of either.
    expect((await web.say(survivor.number)).replies[0]!.text).toContain('已登记，待受理')
    const stranger = customer(rt)
    for (const n of [dup.number, survivor.number]) expect((await stranger.say(n)).replies[0]!.text).toContain('没有找到')
  })

  it('refuses a merge into itself, into or from a closed or merged ticket, and across unrelated customers, over HTTP with the reason', async () => {
    const { survivor, dup } = await twoChannels('13900003333')
    const other = await twoChannels('13900004444')
    const self = await call('POST', `/api/v1/tickets/${survivor.number}/merge`, { from: [survivor.number] })
    expect(self).toMatchObject({ status: 400, body: { error: { details: { reason: 'self' } } } })
    expect((await call('POST', `/api/v1/tickets/${survivor.number}/merge`, { from: [] })).status).toBe(400)
    expect((await call('POST', `/api/v1/tickets/${survivor.number}/merge`, { from: ['not-a-number'] })).status).toBe(400)
    expect((await call('POST', `/api/v1/tickets/${survivor.number}/merge`, { from: ['T20991231-9999'] })).status).toBe(404)
    const unrelated = await call('POST', `/api/v1/tickets/${survivor.number}/merge`, { from: [other.dup.number] })
    expect(unrelated).toMatchObject({ status: 409, body: { error: { details: { reason: 'unrelated', number: other.dup.number } } } })

    const done = await call('POST', `/api/v1/tickets/${survivor.number}/merge`, { from: [dup.number] })
    expect(done).toMatchObject({ status: 200, body: { merged: [dup.number], ticket: { number: survivor.number } } })
    const again = await call('POST', `/api/v1/tickets/${survivor.number}/merge`, { from: [dup.number] })
    expect(again).toMatchObject({ status: 409, body: { error: { details: { reason: 'merged', side: 'from' } } } })
    const reopen = await call('POST', `/api/v1/tickets/${dup.number}/status`, { to: 'reopened' })
    expect(reopen).toMatchObject({ status: 409, body: { error: { details: { reason: 'merged', allowed: [] } } } })
    const intoMerged = await call('POST', `/api/v1/tickets/${dup.number}/merge`, { from: [survivor.number] })
    expect(intoMerged).toMatchObject({ status: 409, body: { error: { details: { reason: 'merged', side: 'into' } } } })
    await changeTicketStatus({ ctx: agent, number: other.survivor.number, input: { to: 'resolved' } })
    await changeTicketStatus({ ctx: agent, number: other.survivor.number, input: { to: 'closed' } })
    const intoClosed = await call('POST', `/api/v1/tickets/${other.survivor.number}/merge`, { from: [other.dup.number] })
    expect(intoClosed).toMatchObject({ status: 409, body: { error: { details: { reason: 'closed', side: 'into' } } } })
    // A refused merge changed nothing.
    expect((await rt.db.query<any>('select status, merged_into_id from tickets where id = $1', [other.dup.id])).rows[0]).toEqual({
      status: 'new',
      merged_into_id: null,
    })

    const doc = (await (await client.app.request('/api/v1/openapi.json')).json()) as any
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/tickets/{number}/merge', '/api/v1/tickets/{number}/duplicates']))
  })

  it('suggests likely duplicates: the same customer or the same phone, open, recent', async () => {
    const { webId, survivor, dup } = await twoChannels('13900005555')
    const same = await createTicket({ ctx: agent, input: { customerId: webId, type: 'enquiry', subject: '发票' } })
    const closed = await createTicket({ ctx: agent, input: { customerId: webId, type: 'enquiry', subject: '旧的' } })
    await changeTicketStatus({ ctx: agent, number: closed.number, input: { to: 'resolved' } })
    await changeTicketStatus({ ctx: agent, number: closed.number, input: { to: 'closed' } })
    const unrelated = await twoChannels('13900006666')
    const r = await call('GET', `/api/v1/tickets/${survivor.number}/duplicates`)
    expect(r.status).toBe(200)
    const found = r.body.duplicates.map((d: any) => [d.ticket.number, d.reason])
    expect(found).toEqual([
      [same.number, 'same_customer'],
      [dup.number, 'same_phone'],
    ])
    expect(found.flat()).not.toContain(unrelated.dup.number)
  })
})
