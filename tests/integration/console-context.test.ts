// What the agent sees of what already happened (issue 18, item 3): the hand-off reason of a
// complaint, a summary naming the customer's real problems and the numbers they gave, the
// tickets of this chat and the others, a ticket opened from the conversation, and labels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminModule } from '../../admin/module.ts'
import { consoleModule } from '../../admin/console/module.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { ticketsModule } from '../../bot/tickets/module.ts'
import { TICKET_NUMBER } from '../../bot/tickets/types.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { customer } from '../support/customers.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'

type Login = Awaited<ReturnType<TestClient['loginAs']>>

describe.each(DB_KINDS)('conversation context in the console on %s', (kind) => {
  let rt: Runtime
  let client: TestClient
  let agent: Login
  const call = (who: Login, method: string, path: string, body?: unknown) =>
    client.app.request(path, { method, headers: who.headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const json = async (who: Login, method: string, path: string, body?: unknown) => (await (await call(who, method, path, body)).json()) as any
  const detail = (id: number) => json(agent, 'GET', `/api/v1/console/conversations/${id}`)

  beforeAll(async () => {
    rt = await testRuntime(kind)
    client = testApp(rt, [ticketsModule, consoleModule, adminModule])
    agent = await client.loginAs('agent')
  })
  afterAll(async () => rt?.close())

  it('hands a complaint over as a complaint, with the complaint ticket of this chat beside the customer’s other tickets', async () => {
    const c = customer(rt, 'wx-complainer', 'wechat')
    const angry = await c.say('你们的安装师傅态度太差了，我要投诉！！！')
    expect(angry.replies[0]!.buttons.map((b) => b.label)).toEqual(['转人工', '登记工单'])
    await c.say('2') // the ticket
    const made = await c.say('师傅迟到了两个小时，还对我很不耐烦。')
    const number = made.replies[0]!.text.match(TICKET_NUMBER)![0]
    await c.say('我要投诉')
    const handed = await c.say('1') // a person this time
    const d = await detail(handed.conversationId)
    expect(d.handoff.reason).toBe('complaint')
    expect(d.tickets.thisChat).toEqual([
      expect.objectContaining({ number, type: 'complaint', status: 'new', sla: expect.objectContaining({ breached: false }) }),
    ])
    expect(d.tickets.thisChat[0].sla.resolutionDueAt).toBeTruthy()
    expect(d.customer.displayName).toMatch(/^微信客户 ·\w{4}$/)

    // One message that complains and asks for a person is a complaint too.
    const other = await customer(rt, 'tg-complainer', 'telegram').say('我要投诉你们的快递员，转人工')
    expect((await detail(other.conversationId)).handoff.reason).toBe('complaint')
    // Anger without a complaint is named as anger; a plain request stays a plain request.
    const cross = customer(rt, 'web-cross', 'webchat')
    await cross.say('气死我了！！！')
    expect((await detail((await cross.say('1')).conversationId)).handoff.reason).toBe('angry')
    expect((await detail((await customer(rt).say('转人工')).conversationId)).handoff.reason).toBe('customer_request')
  })

  it('summarises the real problems, what the bot tried and the numbers found; small talk and 转人工 are left out', async () => {
    const c = customer(rt, 'web-summary', 'webchat')
    await c.say('你好')
    await c.say('空调不制冷了怎么办')
    await c.say('上个月的发票什么时候能开好')
    const r = await c.say('转人工，订单 dd2026112300123，电话１３９ ００００ １１１１')
    const s = (await detail(r.conversationId)).handoff.summary
    expect(s.asked).toEqual(['空调不制冷了怎么办', '上个月的发票什么时候能开好', '转人工，订单 dd2026112300123，电话１３９ ００００ １１１１'])
    expect(s.found).toEqual({ orders: ['DD2026112300123'], phones: ['13900001111'], tickets: [] })
    expect(s.botTried.map((b: any) => b.kind)).toEqual(expect.arrayContaining(['fallback']))
  })

  it('opens a ticket from the conversation, linked to it and told to the customer', async () => {
    const c = customer(rt, 'tg-ticket', 'telegram')
    await c.say('洗衣机漏水')
    const { conversationId } = await c.say('转人工')
    await call(agent, 'POST', `/api/v1/console/conversations/${conversationId}/accept`)
    const made = await call(agent, 'POST', '/api/v1/tickets/from-conversation', {
      conversationId,
      type: 'repair',
      subject: '洗衣机漏水',
      description: '客户说：洗衣机漏水',
    })
    expect(made.status).toBe(201)
    const t = (await made.json()) as any
    expect(t).toMatchObject({ conversationId, type: 'repair', subject: '洗衣机漏水', channel: 'telegram' })
    const d = await detail(conversationId)
    expect(d.tickets.thisChat.map((x: any) => x.number)).toEqual([t.number])
    expect(d.messages.at(-1).text).toContain(t.number)
  })

  it('labels a conversation: normalised, shown in the view, filterable in the list, each change audited', async () => {
    const { conversationId: id } = await customer(rt, 'web-labels', 'webchat').say('转人工')
    const path = `/api/v1/console/conversations/${id}/labels`
    expect((await json(agent, 'POST', path, { label: '  #Refund  ' })).labels).toEqual(['refund'])
    expect((await json(agent, 'POST', path, { label: '退款　回访' })).labels).toEqual(['refund', '退款 回访'])
    expect((await json(agent, 'POST', path, { label: 'REFUND' })).labels).toEqual(['refund'].concat('退款 回访'))
    const bad = await call(agent, 'POST', path, { label: '退款，回访' })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as any).error.details.issues[0]).toMatchObject({ zh: expect.stringContaining('标签'), en: expect.stringContaining('label') })

    expect((await detail(id)).labels).toEqual(['refund', '退款 回访'])
    const listed = async (label: string) =>
      (await json(agent, 'GET', `/api/v1/console/conversations?view=queue&label=${encodeURIComponent(label)}`)).items.map((c: any) => c.id)
    expect(await listed('Refund')).toEqual([id])
    expect(await listed('nothing-here')).toEqual([])
    expect((await json(agent, 'GET', '/api/v1/console/conversations?view=queue')).items.find((c: any) => c.id === id).labels).toEqual(['refund', '退款 回访'])

    expect((await json(agent, 'DELETE', `${path}/${encodeURIComponent('#refund')}`)).labels).toEqual(['退款 回访'])
    const audit = await rt.db.query<any>(
      `select action, data from audit_events where subject_type = 'conversation' and subject_id = $1 and action like 'conversation.%label%' order by id`,
      [String(id)],
    )
    expect(audit.rows.map((r) => [r.action, r.data.label])).toEqual([
      ['conversation.labeled', 'refund'],
      ['conversation.labeled', '退款 回访'],
      ['conversation.unlabeled', 'refund'],
    ])
    const documented = Object.keys(((await (await client.app.request('/api/v1/openapi.json')).json()) as any).paths)
    expect(documented).toEqual(expect.arrayContaining(['/api/v1/console/conversations/{id}/labels', '/api/v1/customers/{id}', '/api/v1/customers/{id}/merge']))
  })
})
