// Setting conversations.access (issue 15, item 9: any agent could read any conversation and add
// private notes to another agent's chat). team (default): agents read all, write notes only on
// their own or unassigned chats; open: the old behaviour; own: agents see only their own and the
// queue. Supervisors always may. Every mode through the console API, the settings API and page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminModule } from '../../admin/module.ts'
import { consoleModule } from '../../admin/console/module.ts'
import { panelModule } from '../../admin/panel/module.ts'
import { systemCtx } from '../../bot/context.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { handleInbound } from '../../bot/turn/handleInbound.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'

type Login = Awaited<ReturnType<TestClient['loginAs']>>

describe.each(DB_KINDS)('who may read and annotate a conversation, on %s', (kind) => {
  let rt: Runtime
  let client: TestClient
  let ann: Login, bo: Login, sup: Login, admin: Login
  let n = 0
  let annsChat: number
  let waiting: number
  const call = (who: Login, method: string, path: string, body?: unknown) =>
    client.app.request(path, { method, headers: who.headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const conv = (id: number) => `/api/v1/console/conversations/${id}`
  const customerAsksForAPerson = async () => {
    const v = `visitor-${++n}`
    await handleInbound({ ctx: systemCtx(rt), input: { channel: 'webchat', externalUserId: v, channelMessageId: `${v}-1`, text: '我的快递三天没动了' } })
    return (await handleInbound({ ctx: systemCtx(rt), input: { channel: 'webchat', externalUserId: v, channelMessageId: `${v}-2`, text: '转人工' } }))
      .conversationId
  }
  const notes = async (id: number) =>
    (await rt.db.query<{ n: number }>(`select count(*)::int n from messages where conversation_id = $1 and kind = 'note' and sender_type = 'agent'`, [id]))
      .rows[0]!.n
  const note = (who: Login, id: number) => call(who, 'POST', `${conv(id)}/messages`, { text: '内部备注', private: true })
  const setMode = async (mode: string) => {
    const res = await call(admin, 'PUT', '/api/v1/panel/settings', { 'conversations.access': mode })
    expect(res.status).toBe(200)
    expect(((await res.json()) as any)['conversations.access']).toBe(mode)
  }

  beforeAll(async () => {
    rt = await testRuntime(kind)
    client = testApp(rt, [consoleModule, panelModule, adminModule])
    ;[ann, bo, sup, admin] = [await client.loginAs('agent'), await client.loginAs('agent'), await client.loginAs('supervisor'), await client.loginAs('admin')]
    annsChat = await customerAsksForAPerson()
    expect((await call(ann, 'POST', `${conv(annsChat)}/accept`)).status).toBe(200)
    waiting = await customerAsksForAPerson()
  }, 300_000) // four argon2 logins and two bot turns: slow on a loaded 2-core machine
  afterAll(async () => rt?.close())

  it('team (the default): another agent reads the chat but cannot add notes to it; the queue, the owner and supervisors can', async () => {
    expect(((await (await call(admin, 'GET', '/api/v1/panel/settings')).json()) as any)['conversations.access']).toBe('team')
    expect((await call(bo, 'GET', conv(annsChat))).status).toBe(200)
    const before = await notes(annsChat)
    const refused = await note(bo, annsChat)
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as any).error.message).toMatch(/只有负责这个会话的客服或主管.*Only the agent handling this conversation/)
    expect(await notes(annsChat)).toBe(before) // refused: nothing stored
    expect((await note(ann, annsChat)).status).toBe(201)
    expect((await note(sup, annsChat)).status).toBe(201)
    expect((await note(bo, waiting)).status).toBe(201) // unassigned, waiting: anyone may prepare it
  })

  it('open: any agent reads and adds notes anywhere (the behaviour before the setting)', async () => {
    await setMode('open')
    expect((await call(bo, 'GET', conv(annsChat))).status).toBe(200)
    expect((await note(bo, annsChat)).status).toBe(201)
  })

  it('own: another agent can neither read the chat, nor follow it live, nor annotate it; the queue stays visible', async () => {
    await setMode('own')
    const read = await call(bo, 'GET', conv(annsChat))
    expect(read.status).toBe(403)
    expect(((await read.json()) as any).error.message).toMatch(/其他客服.*another agent/)
    expect((await call(bo, 'GET', `/api/v1/console/stream?conversation=${annsChat}`)).status).toBe(403)
    expect((await note(bo, annsChat)).status).toBe(403)
    expect((await call(bo, 'GET', conv(waiting))).status).toBe(200) // to decide whether to take it
    expect((await call(ann, 'GET', conv(annsChat))).status).toBe(200)
    expect((await call(sup, 'GET', conv(annsChat))).status).toBe(200)
    expect((await note(sup, annsChat)).status).toBe(201)
  })

  it('refuses an unknown mode, and shows the choice on the settings page in Chinese and English', async () => {
    const bad = await call(admin, 'PUT', '/api/v1/panel/settings', { 'conversations.access': 'everyone' })
    expect(bad.status).toBe(400)
    expect(((await (await call(admin, 'GET', '/api/v1/panel/settings')).json()) as any)['conversations.access']).toBe('own')
    const zh = await (await call(admin, 'GET', '/admin/settings?lang=zh')).text()
    expect(zh).toContain('客服可以查看和备注哪些会话')
    expect(zh).toMatch(/<option value="own" selected="">只能查看和备注自己负责的会话及排队中的会话/)
    const en = await (await call(admin, 'GET', '/admin/settings?lang=en')).text()
    expect(en).toContain('Which conversations an agent may read and add notes to')
  })
})
