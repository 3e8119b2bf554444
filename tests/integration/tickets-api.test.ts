import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../bot/clock.ts'
import { withActor } from '../../bot/context.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { conversationsModule } from '../../bot/conversations/module.ts'
import { acceptConversation } from '../../bot/handoff/agentActions.ts'
import { ticketsModule } from '../../bot/tickets/module.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { customer } from '../support/customers.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'
import { customerIdOf, toCustomer } from './tickets-helpers.ts'
import { seedKnowledge } from '../support/knowledge.ts'

describe.each(DB_KINDS)('tickets API, 👍/👎 and reports on %s', (kind) => {
  let rt: Runtime
  let client: TestClient
  let agent: Awaited<ReturnType<TestClient['loginAs']>>
  let lead: Awaited<ReturnType<TestClient['loginAs']>>
  const call = (who: { headers: Record<string, string> }, method: string, path: string, body?: unknown) =>
    client.app.request(path, { method, headers: who.headers, body: body === undefined ? undefined : JSON.stringify(body) })

  beforeAll(async () => {
    rt = await testRuntime(kind, { clock: new ManualClock(new Date('2026-11-23T03:00:00Z')) })
    await knowledgeModule.prepare!(rt)
    await conversationsModule.prepare!(rt)
    await ticketsModule.prepare!(rt)
    expect(await seedKnowledge(rt)).toBeGreaterThan(30)
    client = testApp(rt, [ticketsModule])
    agent = await client.loginAs('agent')
    lead = await client.loginAs('supervisor')
  })
  afterAll(async () => rt?.close())

  it('opens, reads and moves a ticket over HTTP; a bad move is a 409 with the allowed moves', async () => {
    const c = customer(rt)
    await c.say('你好')
    const made = await call(agent, 'POST', '/api/v1/tickets', {
      customerId: await customerIdOf(rt, c.externalUserId),
      type: 'return_refund',
      priority: 'high',
      categoryPath: ['售后', '退换货'],
      subject: '退款未到账',
    })
    expect(made.status).toBe(201)
    const t = (await made.json()) as any
    expect(t).toMatchObject({ status: 'new', priority: 'high', categoryPath: ['售后', '退换货'] })
    expect((await call(agent, 'POST', `/api/v1/tickets/${t.number}/notes`, { text: '已联系财务' })).status).toBe(201)
    expect((await call(agent, 'POST', `/api/v1/tickets/${t.number}/attachments`, { url: 'https://files.example.com/receipt.png', title: '回单' })).status).toBe(
      201,
    )
    const bad = await call(agent, 'POST', `/api/v1/tickets/${t.number}/status`, { to: 'closed' })
    expect(bad.status).toBe(409)
    expect(((await bad.json()) as any).error.details).toEqual({ status: 'new', allowed: ['open', 'pending_customer', 'resolved'] })
    const pending = await call(agent, 'POST', `/api/v1/tickets/${t.number}/status`, { to: 'pending_customer', note: '请提供付款截图。' })
    expect(pending.status).toBe(200)
    expect((await toCustomer(rt, c.externalUserId)).at(-1)!.text).toContain('请提供付款截图')
    const detail = (await (await call(agent, 'GET', `/api/v1/tickets/${t.number}`)).json()) as any
    expect(detail.events.map((e: any) => e.kind)).toEqual(['created', 'note', 'attachment', 'status'])
    expect(detail.attachments[0]).toMatchObject({ url: 'https://files.example.com/receipt.png' })
    expect((await call(agent, 'GET', '/api/v1/tickets/T20991231-9999')).status).toBe(404)
    expect((await call(agent, 'GET', '/api/v1/reports/sla')).status).toBe(403)
  })

  it('turns a conversation into a ticket owned by the agent, told to the customer in that conversation', async () => {
    const c = customer(rt)
    await c.say('我家空调一直漏水')
    const q = await c.say('转人工')
    // The logged-in agent (the only one) accepts it in the console, then makes it a ticket through the API.
    const me = (await rt.db.query<any>(`select id, username from staff_users where role = 'agent'`)).rows[0]
    await acceptConversation({ ctx: withActor(rt, { type: 'user', id: me.id, username: me.username, role: 'agent' }), id: q.conversationId })
    const r = await call(agent, 'POST', '/api/v1/tickets/from-conversation', { conversationId: q.conversationId, type: 'repair' })
    expect(r.status).toBe(201)
    const t = (await r.json()) as any
    expect(t).toMatchObject({ ownerId: me.id, assigneeId: me.id, conversationId: q.conversationId })
    expect(t.description).toContain('空调一直漏水')
    const last = (await toCustomer(rt, c.externalUserId)).at(-1)!
    expect(last).toMatchObject({ conversationId: q.conversationId })
    expect(last.text).toContain(t.number)
  })

  it('puts 👍 / 👎 under answers and counts them per entry; reports export as CSV', async () => {
    const c = customer(rt)
    const a = await c.say('怎么退货')
    expect(a.replies[0]).toMatchObject({ kind: 'answer', kbEntryId: 'demo-return' })
    const down = a.replies[0]!.buttons.find((b) => b.label.includes('👎'))!
    const r = await c.say('👎', { payload: down.payload })
    expect(r.replies[0]!.buttons.map((b) => b.label)).toEqual(['转人工', '登记工单']) // no dead end
    await c.say('怎么退货')
    await c.say('👍')
    const kb = (await (await call(lead, 'GET', '/api/v1/reports/knowledge-feedback')).json()) as any
    expect(kb.rows).toEqual([{ key: 'demo-return', helpful: 1, not_helpful: 1, helpfulRate: 0.5 }])
    const csv = await call(lead, 'GET', '/api/v1/reports/satisfaction?groupBy=channel&format=csv')
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const sla = await (await call(lead, 'GET', '/api/v1/reports/sla?format=csv')).text()
    expect(sla.replace('\uFEFF', '').split('\r\n')[0]).toContain('"first_response_met"')
  })
})
