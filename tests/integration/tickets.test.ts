import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../bot/clock.ts'
import type { Ctx } from '../../bot/context.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { conversationsModule } from '../../bot/conversations/module.ts'
import { ticketsModule } from '../../bot/tickets/module.ts'
import { changeTicketStatus } from '../../bot/tickets/transition.ts'
import { assignTicket } from '../../bot/tickets/updateTicket.ts'
import { replyOnTicket } from '../../bot/tickets/notes.ts'
import { createTicket } from '../../bot/tickets/createTicket.ts'
import { TICKET_NUMBER } from '../../bot/tickets/types.ts'
import { customer } from '../support/customers.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'
import { customerIdOf, staff, toCustomer } from './tickets-helpers.ts'

describe.each(DB_KINDS)('tickets on %s', (kind) => {
  let rt: Runtime
  let clock: ManualClock
  let owner: Ctx & { actor: { id: number } }
  let other: Ctx & { actor: { id: number } }
  let lead: Ctx & { actor: { id: number } }
  const ticketRow = async (number: string) => (await rt.db.query<any>('select * from tickets where number = $1', [number])).rows[0]

  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-11-23T03:00:00Z')) // Monday 11:00 in Shanghai
    rt = await testRuntime(kind, { clock })
    await conversationsModule.prepare!(rt)
    await ticketsModule.prepare!(rt)
    owner = await staff(rt)
    other = await staff(rt)
    lead = await staff(rt, 'supervisor')
  })
  afterAll(async () => rt?.close())

  it('complaint → ticket in the chat → resolved → 不满意 reopens to its owner → resolved → 满意 closes; the customer checks at each step', async () => {
    const c = customer(rt)
    const angry = await c.say('你们的安装师傅态度太差了，我要投诉！！！')
    expect(angry.replies[0]!.buttons.map((b) => b.label)).toEqual(['转人工', '登记工单'])
    const start = await c.say('2')
    expect(start.replies[0]!.text).toContain('已为您记录')
    expect(start.replies[1]!.text).toContain('发生了什么') // a complaint asks only what happened
    const made = await c.say('师傅迟到了两个小时，还对我很不耐烦。')
    const number = made.replies[0]!.text.match(TICKET_NUMBER)![0]
    expect(number).toMatch(/^T20261123-\d{4}$/)
    expect(await ticketRow(number)).toMatchObject({ type: 'complaint', status: 'new', owner_id: null, conversation_id: start.conversationId })
    expect((await c.say('查询工单')).replies[0]!.text).toMatch(new RegExp(`${number}[\\s\\S]*已登记`))

    // 首问负责: the first agent to take it becomes its owner; a supervisor then moves the work elsewhere.
    await assignTicket({ ctx: owner, number, input: { assigneeId: owner.actor.id } })
    await changeTicketStatus({ ctx: owner, number, input: { to: 'open' } })
    expect((await toCustomer(rt, c.externalUserId)).at(-1)!.text).toContain('已由专人受理')
    await assignTicket({ ctx: lead, number, input: { assigneeId: other.actor.id } })
    await replyOnTicket({ ctx: other, number, input: { text: '您好，我们已联系安装师傅核实情况。' } })
    await changeTicketStatus({
      ctx: other,
      number,
      input: { to: 'resolved', note: '已向您致歉并对师傅做了处理。', rootCause: '师傅当天排单过满；已限制每日单量。' },
    })
    expect((await c.say(number)).replies[0]!.text).toContain('已解决')

    clock.advance(61_000) // the survey delay
    await rt.jobs.drain()
    const survey = (await toCustomer(rt, c.externalUserId)).at(-1)!
    expect(survey.text).toContain('回访')
    expect(survey.buttons.map((b) => b.label)).toEqual(['满意', '基本满意', '不满意', '问题还没解决'])
    const unhappy = await c.say('不满意', { payload: survey.buttons[2]!.payload })
    expect(unhappy.replies[0]!.text).toContain('重新打开')
    const reopened = await ticketRow(number)
    expect(reopened).toMatchObject({ status: 'reopened', assignee_id: owner.actor.id, owner_id: owner.actor.id, outcome: 'dissatisfied', reopen_count: 1 })
    const notes = await rt.db.query<any>(`select * from notifications where kind = 'ticket_reopened' and recipient_id = $1`, [owner.actor.id])
    expect(notes.rows).toHaveLength(1)
    expect((await c.say('我的工单')).replies[0]!.text).toContain('重新打开')
    await c.say('服务态度', { payload: unhappy.replies[0]!.buttons.find((b) => b.label === '服务态度')!.payload })
    expect((await ticketRow(number)).outcome).toBe('dissatisfied_attitude')

    await changeTicketStatus({ ctx: owner, number, input: { to: 'resolved' } })
    clock.advance(61_000)
    await rt.jobs.drain()
    expect((await toCustomer(rt, c.externalUserId)).at(-1)!.text).toContain('回访')
    const happy = await c.say('1')
    expect(happy.replies[0]!.text).toContain('已结案')
    expect(await ticketRow(number)).toMatchObject({ status: 'closed', close_reason: 'satisfied' })
    expect((await c.say(number)).replies[0]!.text).toContain('已结案')

    // Ratings attach to whoever handled it when the survey went out.
    const surveys = await rt.db.query<any>(`select round, level, agent_id from surveys where ticket_id = $1 order by round`, [reopened.id])
    expect(surveys.rows).toEqual([
      { round: 1, level: 'dissatisfied', agent_id: other.actor.id },
      { round: 2, level: 'satisfied', agent_id: owner.actor.id },
    ])
    const history = await rt.db.query<any>(`select kind, to_value from ticket_events where ticket_id = $1 and kind = 'status' order by id`, [reopened.id])
    expect(history.rows.map((e) => e.to_value)).toEqual(['open', 'resolved', 'reopened', 'resolved', 'closed'])
  })

  it('asks a repair only what it needs, re-uses the phone it already knows, and stores the address', async () => {
    const c = customer(rt)
    await c.say('你好')
    await rt.db.query(`update customers set phone = '13800138000' where id = $1`, [await customerIdOf(rt, c.externalUserId)])
    const asked: string[] = []
    let r = await c.say('我要报修')
    asked.push(...r.replies.map((x) => x.text))
    for (const answer of ['洗衣机', 'XQG80-B14', '上海市浦东新区世纪大道100号', '明天下午']) {
      r = await c.say(answer)
      asked.push(r.replies[0]!.text)
    }
    expect(asked.join('\n')).not.toContain('电话号码')
    expect(r.replies[0]!.text).toMatch(/已为您登记工单 T\d{8}-\d{4}/)
    expect(r.replies[0]!.text).toContain('138****8000')
    const t = (await rt.db.query<any>(`select * from tickets where customer_id = $1`, [await customerIdOf(rt, c.externalUserId)])).rows[0]
    expect(t).toMatchObject({
      type: 'repair',
      fields: { product: '洗衣机', model: 'XQG80-B14', address: '上海市浦东新区世纪大道100号', phone: '13800138000', preferredTime: '明天下午' },
    })
    const cust = await rt.db.query<any>('select address from customers where id = $1', [t.customer_id])
    expect(cust.rows[0].address).toBe('上海市浦东新区世纪大道100号')
  })

  it('never shows another customer their ticket, and says not found for a number that does not exist', async () => {
    const mine = customer(rt)
    await mine.say('你好')
    const t = await createTicket({ ctx: owner, input: { customerId: await customerIdOf(rt, mine.externalUserId), type: 'enquiry', subject: '发票地址更改' } })
    expect((await mine.say(`${t.number} 怎么样了`)).replies[0]!.text).toContain(t.number)
    const stranger = customer(rt)
    const peek = await stranger.say(t.number)
    expect(peek.replies[0]!.text).toContain('没有找到')
    expect(peek.replies[0]!.text).not.toContain('发票')
    expect((await stranger.say('T20991231-9999')).replies[0]!.text).toContain('没有找到')
  })

  it('refuses a move the life cycle does not allow, with the allowed moves', async () => {
    const c = customer(rt)
    await c.say('hello')
    const t = await createTicket({ ctx: owner, input: { customerId: await customerIdOf(rt, c.externalUserId), type: 'other', subject: 'x' } })
    await expect(changeTicketStatus({ ctx: owner, number: t.number, input: { to: 'closed' } })).rejects.toMatchObject({
      status: 409,
      details: { status: 'new', allowed: ['open', 'pending_customer', 'resolved'] },
    })
    await expect(changeTicketStatus({ ctx: owner, number: 'T20991231-9999', input: { to: 'open' } })).rejects.toMatchObject({ status: 404 })
    // Staff-made tickets are announced to the customer in English when that is their language.
    expect((await toCustomer(rt, c.externalUserId)).at(-1)!.text).toContain(`Your ticket ${t.number} has been registered`)
  })

  it('numbers tickets per day without gaps or duplicates under concurrency', async () => {
    const c = customer(rt)
    await c.say('你好')
    const id = await customerIdOf(rt, c.externalUserId)
    const made = await Promise.all(Array.from({ length: 12 }, () => createTicket({ ctx: owner, input: { customerId: id, type: 'enquiry', subject: 'q' } })))
    const numbers = made.map((t) => t.number)
    expect(new Set(numbers).size).toBe(12)
    clock.set(new Date('2026-11-24T03:00:00Z'))
    const next = await createTicket({ ctx: owner, input: { customerId: id, type: 'enquiry', subject: 'q' } })
    expect(next.number).toBe('T20261124-0001')
  })
})
