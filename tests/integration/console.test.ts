import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminModule } from '../../admin/module.ts'
import { consoleModule } from '../../admin/console/module.ts'
import { systemCtx } from '../../bot/context.ts'
import { listMessages } from '../../bot/conversations/store.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { handleInbound } from '../../bot/turn/handleInbound.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'

type Login = Awaited<ReturnType<TestClient['loginAs']>>

describe.each(DB_KINDS)('agent console API on %s', (kind) => {
  let rt: Runtime
  let client: TestClient
  let ann: Login, bo: Login, sup: Login
  let n = 0
  const call = (who: Login, method: string, path: string, body?: unknown) =>
    client.app.request(path, { method, headers: who.headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const json = async (who: Login, method: string, path: string, body?: unknown) => (await (await call(who, method, path, body)).json()) as any
  const idOf = async (who: Login) => (await json(who, 'GET', '/api/v1/me')).actor.id as number
  /** A customer asks for a person; returns the waiting conversation's id. */
  const customerAsksForAPerson = async () => {
    const v = `visitor-${++n}`
    await handleInbound({ ctx: systemCtx(rt), input: { channel: 'webchat', externalUserId: v, channelMessageId: `${v}-1`, text: '我的快递三天没动了' } })
    const r = await handleInbound({ ctx: systemCtx(rt), input: { channel: 'webchat', externalUserId: v, channelMessageId: `${v}-2`, text: '转人工' } })
    return r.conversationId
  }
  const conv = (id: number) => `/api/v1/console/conversations/${id}`

  beforeAll(async () => {
    rt = await testRuntime(kind)
    client = testApp(rt, [consoleModule, adminModule])
    ;[ann, bo, sup] = [await client.loginAs('agent'), await client.loginAs('agent'), await client.loginAs('supervisor')]
  })
  afterAll(async () => rt?.close())

  it('serves the inbox page to staff, the canned page to supervisors, and sends strangers to the login', async () => {
    const anon = await client.app.request('/admin/inbox')
    expect(anon.status).toBe(303)
    expect(anon.headers.get('location')).toBe('/login?next=%2Fadmin%2Finbox')
    const page = await call(ann, 'GET', '/admin/inbox?lang=en')
    expect(await page.text()).toMatch(/Conversations[\s\S]*id="conv-list"/)
    expect((await call(ann, 'GET', '/admin/canned')).status).toBe(403)
    expect((await call(sup, 'GET', '/admin/canned')).status).toBe(200)
    expect((await call(ann, 'POST', '/api/v1/console/heartbeat')).status).toBe(200)
    const documented = Object.keys(((await (await client.app.request('/api/v1/openapi.json')).json()) as any).paths)
    expect(documented).toEqual(expect.arrayContaining(['/api/v1/console/conversations/{id}/accept', '/api/v1/console/presence']))
  })

  it('lists the queue to every agent, mine only to me, and all only to supervisors', async () => {
    const id = await customerAsksForAPerson()
    const queue = await json(ann, 'GET', '/api/v1/console/conversations?view=queue')
    expect(queue.items.map((c: any) => c.id)).toContain(id)
    expect(queue.items.find((c: any) => c.id === id)).toMatchObject({ status: 'waiting', last: { senderType: 'bot' } })
    expect((await call(ann, 'GET', '/api/v1/console/conversations?view=all')).status).toBe(403)
    expect((await call(ann, 'POST', `${conv(id)}/assign`, { agentId: await idOf(bo) })).status).toBe(403)

    expect((await call(ann, 'POST', `${conv(id)}/accept`)).status).toBe(200)
    expect((await json(ann, 'GET', '/api/v1/console/conversations?view=mine')).items.map((c: any) => c.id)).toContain(id)
    expect((await json(bo, 'GET', '/api/v1/console/conversations?view=mine')).items.map((c: any) => c.id)).not.toContain(id)
    expect((await json(bo, 'GET', '/api/v1/console/conversations?view=queue')).items.map((c: any) => c.id)).not.toContain(id)
    const all = await json(sup, 'GET', '/api/v1/console/conversations?view=all')
    expect(all.items.find((c: any) => c.id === id)).toMatchObject({ status: 'agent', assigneeId: await idOf(ann) })

    const other = await customerAsksForAPerson()
    const assigned = await call(sup, 'POST', `${conv(other)}/assign`, { agentId: await idOf(bo) })
    expect(assigned.status).toBe(200)
    expect((await json(bo, 'GET', '/api/v1/console/conversations?view=mine')).items.map((c: any) => c.id)).toContain(other)
  })

  it('lets exactly one of two agents accepting at once win; the other hears who did', async () => {
    const id = await customerAsksForAPerson()
    const [a, b] = await Promise.all([call(ann, 'POST', `${conv(id)}/accept`), call(bo, 'POST', `${conv(id)}/accept`)])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const loser = ((await (a.status === 409 ? a : b).json()) as any).error
    expect(loser.message).toMatch(/already taken/)
    expect(loser.details.assigneeId).toBe(await idOf(a.status === 200 ? ann : bo))
  })

  it('refuses with 409 and a reason: another agent’s conversation, and writing into a closed one', async () => {
    const id = await customerAsksForAPerson()
    await call(ann, 'POST', `${conv(id)}/accept`)
    const intruder = await call(bo, 'POST', `${conv(id)}/messages`, { text: '我来回复' })
    expect(intruder.status).toBe(409)
    expect(((await intruder.json()) as any).error.message).toMatch(/Another agent/)
    expect((await call(bo, 'POST', `${conv(id)}/close`)).status).toBe(409)

    expect((await call(ann, 'POST', `${conv(id)}/close`)).status).toBe(200)
    const late = await call(ann, 'POST', `${conv(id)}/messages`, { text: '还在吗？' })
    expect(late.status).toBe(409)
    expect(((await late.json()) as any).error).toMatchObject({ code: 'conflict', message: 'This conversation is closed.' })
  })

  it('keeps private notes among staff, and expands /shortcut canned responses', async () => {
    const id = await customerAsksForAPerson()
    await call(ann, 'POST', `${conv(id)}/accept`)
    expect((await call(ann, 'POST', `${conv(id)}/messages`, { text: '客户很着急，优先处理', private: true })).status).toBe(201)
    expect((await call(ann, 'POST', '/api/v1/console/canned', { shortcut: 'wait', text: 'x' })).status).toBe(403)
    const made = await call(sup, 'POST', '/api/v1/console/canned', { shortcut: 'wait', text: '请您稍等，我马上为您查询。' })
    expect(made.status).toBe(201)
    expect((await call(sup, 'POST', '/api/v1/console/canned', { shortcut: 'wait', text: 'again' })).status).toBe(409)
    expect((await json(ann, 'GET', '/api/v1/console/canned')).items.map((c: any) => c.shortcut)).toContain('wait')
    expect((await call(ann, 'POST', `${conv(id)}/messages`, { text: '/wait' })).status).toBe(201)

    const staff = (await json(bo, 'GET', conv(id))).messages
    expect(staff.find((m: any) => m.isPrivate)).toMatchObject({ text: '客户很着急，优先处理', kind: 'note' })
    expect(staff.at(-1)).toMatchObject({ senderType: 'agent', text: '请您稍等，我马上为您查询。', isPrivate: false })
    const customerSees = await listMessages(rt.db, id, { includePrivate: false })
    expect(customerSees.map((m) => m.text)).not.toContain('客户很着急，优先处理')
    expect(customerSees.some((m) => m.isPrivate)).toBe(false)
    expect((await call(sup, 'DELETE', `/api/v1/console/canned/${((await made.json()) as any).id}`)).status).toBe(200)
  })

  it('shows the customer profile, past conversations and the hand-off summary', async () => {
    const first = await customerAsksForAPerson()
    await call(ann, 'POST', `${conv(first)}/accept`)
    await call(ann, 'POST', `${conv(first)}/close`)
    const v = `visitor-${n}`
    const again = await handleInbound({ ctx: systemCtx(rt), input: { channel: 'webchat', externalUserId: v, channelMessageId: `${v}-3`, text: '人工' } })
    const d = await json(ann, 'GET', conv(again.conversationId))
    expect(d.identities).toEqual([expect.objectContaining({ channel: 'webchat', externalId: v })])
    expect(d.history.map((h: any) => h.id)).toEqual([first])
    expect(d.handoff).toMatchObject({ reason: 'customer_request', summary: { asked: [] } })
    expect((await json(ann, 'GET', conv(first))).handoff.summary.asked).toEqual(['我的快递三天没动了'])
  })

  it('transfers with a note, returns to the bot, and requeues an agent’s conversations on logout', async () => {
    const id = await customerAsksForAPerson()
    await call(ann, 'POST', `${conv(id)}/accept`)
    await call(bo, 'PUT', '/api/v1/console/presence', { status: 'online' }) // a transfer goes only to someone who is there
    const moved = await call(ann, 'POST', `${conv(id)}/transfer`, { toAgentId: await idOf(bo), note: '物流问题，请跟进' })
    expect(await moved.json()).toMatchObject({ status: 'agent', assigneeId: await idOf(bo) })
    expect((await json(bo, 'GET', conv(id))).messages.at(-2)).toMatchObject({ isPrivate: true, text: expect.stringContaining('物流问题，请跟进') })
    expect(await (await call(bo, 'POST', `${conv(id)}/return`)).json()).toMatchObject({ status: 'bot', assigneeId: null })

    const held = await customerAsksForAPerson()
    const carl = await client.loginAs('agent')
    expect((await call(carl, 'PUT', '/api/v1/console/presence', { status: 'online' })).status).toBe(200)
    await call(carl, 'POST', `${conv(held)}/accept`)
    const carlId = await idOf(carl)
    const carlRow = async () => (await json(sup, 'GET', '/api/v1/console/agents')).items.find((a: any) => a.id === carlId)
    expect(await carlRow()).toMatchObject({ status: 'online', load: 1 })
    const logout = await client.app.request('/logout', { method: 'POST', headers: { ...carl.headers, accept: 'application/json' } })
    expect(logout.status).toBe(200)
    expect((await json(sup, 'GET', conv(held))).conversation).toMatchObject({ status: 'waiting', assigneeId: null })
    expect(await carlRow()).toMatchObject({ status: 'offline', load: 0 })
  })
})
