// Customer profiles (issue 18, item 9): staff edit them through the API with checks in zh
// and en and an audit row per change; tier and account manager decide routing; two
// customers merge into one, and a message on either channel then reaches the one kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminModule } from '../../admin/module.ts'
import { consoleModule } from '../../admin/console/module.ts'
import { createWebchatModule } from '../../adapters/webchat/module.ts'
import { systemCtx } from '../../bot/context.ts'
import { setPresence } from '../../bot/handoff/presence.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { insertTicket } from '../../bot/tickets/createTicket.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { customer } from '../support/customers.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'
import { visitor } from './webchatClient.ts'

type Login = Awaited<ReturnType<TestClient['loginAs']>>

describe.each(DB_KINDS)('customer profiles on %s', (kind) => {
  let rt: Runtime
  let client: TestClient
  let agent: Login, lead: Login
  const call = (who: Login, method: string, path: string, body?: unknown) =>
    client.app.request(path, { method, headers: who.headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const json = async (who: Login, method: string, path: string, body?: unknown) => (await (await call(who, method, path, body)).json()) as any
  const idOf = async (who: Login) => (await json(who, 'GET', '/api/v1/me')).actor.id as number
  const customerOf = async (conversationId: number) =>
    (await rt.db.query<{ customer_id: string }>('select customer_id from conversations where id = $1', [conversationId])).rows[0]!.customer_id
  const audit = async (action: string, subject: string) =>
    (await rt.db.query<any>('select actor_type, actor_id, data from audit_events where action = $1 and subject_id = $2 order by id', [action, subject])).rows

  beforeAll(async () => {
    rt = await testRuntime(kind)
    client = testApp(rt, [createWebchatModule(), consoleModule, adminModule])
    ;[agent, lead] = [await client.loginAs('agent'), await client.loginAs('supervisor')]
  })
  afterAll(async () => rt?.close())

  it('edits name, phone, email, tags, notes and tier: normalised, checked in zh and en, one audit row per change', async () => {
    const { conversationId } = await customer(rt, 'wx-openid-1', 'wechat').say('你好')
    const id = await customerOf(conversationId)
    // Never an opaque id: a customer who gave no name is named by channel and the end of their id.
    expect((await json(agent, 'GET', `/api/v1/customers/${id}`)).displayName).toBe(`微信客户 ·${id.slice(-4)}`)
    expect((await json(agent, 'GET', `/api/v1/customers/${id}?lang=en`)).displayName).toBe(`WeChat customer ·${id.slice(-4)}`)

    const saved = await call(agent, 'PATCH', `/api/v1/customers/${id}`, {
      name: '  李  女士 ',
      phone: '１３８ １２３４－５６７８',
      email: 'Li.Na@Example.COM',
      tags: ['#老客户', ' 老客户 ', 'Repeat Buyer'],
      notes: '只在工作日联系',
      tier: 'VIP',
    })
    expect(saved.status).toBe(200)
    expect(await saved.json()).toMatchObject({
      displayName: '李 女士',
      name: '李 女士',
      phone: '13812345678',
      email: 'Li.Na@example.com',
      tags: ['老客户', 'repeat buyer'],
      notes: '只在工作日联系',
      tier: 'vip',
    })
    const rows = await audit('customer.updated', id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ actor_type: 'user', actor_id: String(await idOf(agent)) })
    expect(rows[0].data.changes).toMatchObject({ phone: { from: null, to: '13812345678' }, tier: { from: 'standard', to: 'vip' } })

    const bad = await call(agent, 'PATCH', `/api/v1/customers/${id}`, { phone: '12345', email: 'li@', name: '王先生' })
    expect(bad.status).toBe(400)
    const err = ((await bad.json()) as any).error
    expect(err.details.issues.map((i: any) => i.path)).toEqual(['phone', 'email'])
    expect(err.details.issues[0].zh).toContain('电话号码格式不对')
    expect(err.details.issues[0].en).toContain('not a phone number')
    expect(err.message).toMatch(/电话号码格式不对[\s\S]*not a phone number/)
    // Nothing of a refused edit is kept, the good field included; no audit row.
    expect((await json(agent, 'GET', `/api/v1/customers/${id}`)).name).toBe('李 女士')
    expect(await audit('customer.updated', id)).toHaveLength(1)
    // Saving the same values again changes nothing and records nothing.
    expect((await call(agent, 'PATCH', `/api/v1/customers/${id}`, { phone: '+86 138 1234 5678' })).status).toBe(200)
    expect(await audit('customer.updated', id)).toHaveLength(1)
    expect((await call(agent, 'PATCH', `/api/v1/customers/${id}`, { tier: 'gold' })).status).toBe(400)
    expect((await call(agent, 'PATCH', `/api/v1/customers/cu_nobody`, { name: 'x' })).status).toBe(404)
  })

  it('routes by the profile: a tier edit moves a waiting chat ahead, an account manager set by a supervisor gets the next hand-off', async () => {
    const first = customer(rt, 'tg-first', 'telegram')
    await first.say('我的快递一直没到')
    const a = await first.say('转人工')
    const second = customer(rt, 'tg-second', 'telegram')
    await second.say('发票怎么开')
    const b = await second.say('转人工')
    const queue = async () => (await json(agent, 'GET', '/api/v1/console/conversations?view=queue')).items.map((c: any) => c.id)
    expect((await queue()).indexOf(b.conversationId)).toBeGreaterThan((await queue()).indexOf(a.conversationId))

    const bId = await customerOf(b.conversationId)
    expect((await call(agent, 'PATCH', `/api/v1/customers/${bId}`, { tier: 'vip' })).status).toBe(200)
    expect((await queue()).indexOf(b.conversationId)).toBeLessThan((await queue()).indexOf(a.conversationId))

    const manager = await client.loginAs('agent')
    const managerId = await idOf(manager)
    const refused = await call(agent, 'PATCH', `/api/v1/customers/${bId}`, { accountManagerId: managerId })
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as any).error.message).toMatch(/只有主管或管理员[\s\S]*Only a supervisor/)
    expect((await call(lead, 'PATCH', `/api/v1/customers/${bId}`, { accountManagerId: 999999 })).status).toBe(400)
    const set = await json(lead, 'PATCH', `/api/v1/customers/${bId}`, { accountManagerId: managerId })
    expect(set.accountManager).toMatchObject({ id: managerId })

    await call(lead, 'POST', `/api/v1/console/conversations/${b.conversationId}/close`)
    await setPresence(systemCtx(rt), managerId, 'online')
    await second.say('还是发票的问题')
    const again = await second.say('转人工')
    const row = (await rt.db.query<any>('select status, assignee_id, priority from conversations where id = $1', [again.conversationId])).rows[0]
    expect(row).toEqual({ status: 'agent', assignee_id: managerId, priority: 10 })
  })

  it('merges one person’s two customers: everything moves, one audit row, and a message on either channel reaches the kept one', async () => {
    const tg = customer(rt, 'tg-merge', 'telegram')
    const kept = await tg.say('我想改一下收货地址')
    const keepId = await customerOf(kept.conversationId)
    await call(agent, 'PATCH', `/api/v1/customers/${keepId}`, { name: '赵先生', tags: ['老客户'] })

    const web = visitor(client.app)
    const { token } = (await web.session()).body
    const sent = await web.send(token, '我在网页上也问一下，订单 DD2026112300123 还没发货')
    const webConv = sent.body.conversationId as number
    const mergeId = await customerOf(webConv)
    await call(agent, 'PATCH', `/api/v1/customers/${mergeId}`, { phone: '13900001111', tier: 'vip', tags: ['网页'] })
    await insertTicket(systemCtx(rt), rt.db, null, { customerId: mergeId, conversationId: webConv, type: 'enquiry', subject: '订单未发货' })

    expect((await call(agent, 'POST', `/api/v1/customers/${keepId}/merge`, { mergeId })).status).toBe(403)
    expect((await call(lead, 'POST', `/api/v1/customers/${keepId}/merge`, { mergeId: keepId })).status).toBe(400)
    const merged = await call(lead, 'POST', `/api/v1/customers/${keepId}/merge`, { mergeId })
    expect(merged.status).toBe(200)
    expect(await merged.json()).toMatchObject({ keptId: keepId, mergedId: mergeId, moved: { identities: 1, conversations: 1, tickets: 1 } })

    const profile = await json(agent, 'GET', `/api/v1/customers/${keepId}`)
    expect(profile).toMatchObject({ name: '赵先生', phone: '13900001111', tier: 'vip', tags: ['老客户', '网页'] })
    expect(profile.identities.map((i: any) => i.channel).sort()).toEqual(['telegram', 'webchat'])
    expect(profile.conversations.map((c: any) => c.id).sort()).toEqual([kept.conversationId, webConv].sort())
    expect(profile.tickets.map((t: any) => t.subject)).toEqual(['订单未发货'])
    const rows = await audit('customer.merged', keepId)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ actor_type: 'user', actor_id: String(await idOf(lead)) })
    expect(rows[0].data).toMatchObject({ keptId: keepId, mergedId: mergeId, moved: { identities: 1, conversations: 1, tickets: 1, surveys: 0 } })
    // The merged record is gone from search and cannot be merged again.
    expect((await json(agent, 'GET', `/api/v1/customers?q=${mergeId}`)).items).toEqual([])
    expect((await call(lead, 'POST', `/api/v1/customers/${keepId}/merge`, { mergeId })).status).toBe(409)

    // The web chat visitor writes again: the same open conversation, now the kept customer's.
    const after = await web.send(token, '地址改好了吗')
    expect(after.status).toBe(200)
    expect(await customerOf(after.body.conversationId)).toBe(keepId)
    expect(await customerOf((await tg.say('谢谢')).conversationId)).toBe(keepId)
    expect((await rt.db.query('select 1 from conversations where customer_id = $1', [mergeId])).rows).toEqual([])
  })

  it('refuses a merge that would leave two open conversations on one channel, in zh and en, moving nothing', async () => {
    const one = await customer(rt, 'web-a', 'webchat').say('你好')
    const two = await customer(rt, 'web-b', 'webchat').say('你好')
    const [a, b] = [await customerOf(one.conversationId), await customerOf(two.conversationId)]
    const r = await call(lead, 'POST', `/api/v1/customers/${a}/merge`, { mergeId: b })
    expect(r.status).toBe(409)
    expect(((await r.json()) as any).error.message).toMatch(/都有未结束的会话[\s\S]*Both customers have an open conversation on webchat/)
    expect(await customerOf(two.conversationId)).toBe(b)
    expect(await audit('customer.merged', a)).toEqual([])
  })
})
