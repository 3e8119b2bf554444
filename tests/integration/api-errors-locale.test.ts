// Issue 18, item 8: a Chinese canned-reply shortcut is accepted and expands in a reply; a refused
// input reaches a zh staff member in Chinese, saying which field and why (never "The request is
// not valid." alone), an en one in English; API tokens (scripts) keep the English wording.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consoleModule } from '../../admin/console/module.ts'
import { adminModule } from '../../admin/module.ts'
import { systemCtx } from '../../bot/context.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { handleInbound } from '../../bot/turn/handleInbound.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'

describe.each(DB_KINDS)('API refusals in the reader’s language, Chinese shortcuts, on %s', (kind) => {
  let rt: Runtime
  let client: TestClient
  let sup: Record<string, string>
  let agent: Record<string, string>
  const call = (headers: Record<string, string>, method: string, path: string, body?: unknown) =>
    client.app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })

  beforeAll(async () => {
    rt = await testRuntime(kind)
    client = testApp(rt, [consoleModule, adminModule])
    sup = (await client.loginAs('supervisor')).headers
    agent = (await client.loginAs('agent')).headers
  })
  afterAll(async () => rt?.close())

  it('accepts 退货 as a shortcut and sends its text when an agent types /退货', async () => {
    const made = await call(sup, 'POST', '/api/v1/console/canned', { shortcut: '退货', text: '签收后 7 天内可以申请退货。' })
    expect(made.status).toBe(201)
    const { conversationId: id } = await handleInbound({
      ctx: systemCtx(rt),
      input: { channel: 'webchat', externalUserId: 'v-canned', channelMessageId: 'c1', text: '转人工' },
    })
    expect((await call(agent, 'POST', `/api/v1/console/conversations/${id}/accept`)).status).toBe(200)
    expect((await call(agent, 'POST', `/api/v1/console/conversations/${id}/messages`, { text: '/退货' })).status).toBe(201)
    const sent = await rt.db.query<any>(`select text from messages where conversation_id = $1 and sender_type = 'agent'`, [id])
    expect(sent.rows.map((r) => r.text)).toEqual(['签收后 7 天内可以申请退货。'])
  })

  it('words a refused input for the reader: zh and en sessions, and an API token', async () => {
    const bad = { shortcut: '退 货', text: '' }
    const zh = (await (await call(sup, 'POST', '/api/v1/console/canned?lang=zh', bad)).json()) as any
    expect(zh.error.code).toBe('invalid_input')
    expect(zh.error.message).toMatch(/^提交的内容有误，请检查后再试：快捷方式: 只能用中文、字母、数字、- 或 _，最多 40 个字符；内容: /)
    expect(zh.error.message).not.toContain('The request is not valid')
    expect(zh.error.details.issues.map((i: any) => i.path)).toEqual(['shortcut', 'text'])

    const en = (await (await call(sup, 'POST', '/api/v1/console/canned?lang=en', bad)).json()) as any
    expect(en.error.message).toMatch(/^The request is not valid: shortcut: letters \(any language\), digits, - or _ \(at most 40\); text: Too small/)

    // A conflict (a domain error, not a schema's) in zh too.
    const taken = (await (await call(sup, 'POST', '/api/v1/console/canned?lang=zh', { shortcut: '退货', text: 'x' })).json()) as any
    expect(taken.error.message).toBe('快捷方式 /退货 已经被使用了。')

    const admin = (await client.loginAs('admin')).headers
    const token = (await (await call(admin, 'POST', '/api/v1/tokens', { name: 'script', role: 'supervisor' })).json()) as any
    const script = (await (
      await client.app.request('/api/v1/console/canned', {
        method: 'POST',
        headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(bad),
      })
    ).json()) as any
    expect(script.error.message).toMatch(/^The request is not valid: shortcut: letters/)
  })
})
