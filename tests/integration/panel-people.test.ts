import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminModule } from '../../admin/module.ts'
import { panelModule } from '../../admin/panel/module.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { AUDIT_ACTIONS } from '../../bot/audit.ts'
import { actionText } from '../../admin/panel/people/auditText.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { testRuntime } from '../support/services.ts'

describe('people, roles and the audit log', () => {
  let rt: Runtime
  let client: TestClient
  let admin: Awaited<ReturnType<TestClient['loginAs']>>
  let agent: Awaited<ReturnType<TestClient['loginAs']>>
  let supervisor: Awaited<ReturnType<TestClient['loginAs']>>
  const call = async (method: string, path: string, body?: unknown, who = admin) => {
    const res = await client.app.request(path, { method, headers: who.headers, body: body === undefined ? undefined : JSON.stringify(body) })
    return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? ((await res.json()) as any) : await res.text() }
  }
  const login = (username: string, password: string) =>
    client.app.request('/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })

  beforeAll(async () => {
    rt = await testRuntime('pglite')
    client = testApp(rt, [knowledgeModule, panelModule, adminModule])
    admin = await client.loginAs('admin')
    agent = await client.loginAs('agent')
    supervisor = await client.loginAs('supervisor')
  })
  afterAll(async () => rt?.close())

  it('keeps people and the audit log to admins', async () => {
    for (const who of [agent, supervisor]) {
      expect((await call('GET', '/admin/people', undefined, who)).status).toBe(403)
      expect((await call('GET', '/admin/audit', undefined, who)).status).toBe(403)
      expect((await call('GET', '/api/v1/panel/staff', undefined, who)).status).toBe(403)
      expect((await call('POST', '/api/v1/panel/staff', { username: 'x1', role: 'admin', password: 'long enough 1' }, who)).status).toBe(403)
    }
    expect((await call('GET', '/admin/people')).status).toBe(200)
  })

  it('creates, changes and disables a person, with clear refusals', async () => {
    expect((await call('POST', '/api/v1/panel/staff', { username: 'zhao', role: 'agent', password: 'short' })).status).toBe(400)
    const created = await call('POST', '/api/v1/panel/staff', { username: 'zhao', displayName: '赵<b>坐席</b>', role: 'agent', password: 'zhao-password-1' })
    expect(created.status).toBe(201)
    expect((await call('POST', '/api/v1/panel/staff', { username: 'zhao', role: 'agent', password: 'zhao-password-1' })).status).toBe(409)
    const id = created.body.id
    const page = (await call('GET', '/admin/people')).body as string
    expect(page).toContain('赵&lt;b&gt;坐席&lt;/b&gt;')
    expect(page).not.toContain('赵<b>')

    const changed = await call('PATCH', `/api/v1/panel/staff/${id}`, { role: 'supervisor', capacity: 8, teams: ['售后', 'VIP', '售后'] })
    expect(changed.body).toMatchObject({ role: 'supervisor', capacity: 8, teams: ['售后', 'VIP'] })
    expect((await call('PATCH', `/api/v1/panel/staff/${id}`, { capacity: 0 })).status).toBe(400)

    const session = await login('zhao', 'zhao-password-1')
    const cookie = session.headers.get('set-cookie')!.split(';')[0]!
    expect((await client.app.request('/api/v1/kb/entries', { headers: { cookie } })).status).toBe(200) // a supervisor now
    expect((await call('PATCH', `/api/v1/panel/staff/${id}`, { disabled: true })).body.disabled).toBe(true)
    expect((await client.app.request('/api/v1/kb/entries', { headers: { cookie } })).status).toBe(401) // logged out at once
    expect((await login('zhao', 'zhao-password-1')).status).toBe(401)
  })

  it('never loses the last active admin', async () => {
    const me = (await call('GET', '/api/v1/panel/staff')).body.items.find((s: any) => s.role === 'admin' && !s.disabled)
    const refused = await call('PATCH', `/api/v1/panel/staff/${me.id}`, { role: 'agent' })
    expect(refused.status).toBe(409)
    expect(refused.body.error.message).toContain('last active administrator')
  })

  it('finds audit events by actor, action, subject and day', async () => {
    const zhao = (await call('GET', '/api/v1/panel/staff')).body.items.find((s: any) => s.username === 'zhao')
    const search = async (q: string) => (await call('GET', `/api/v1/panel/audit?${q}`)).body
    const byAction = await search('action=staff.role_changed')
    expect(byAction.total).toBe(1)
    expect(byAction.rows[0]).toMatchObject({
      actorType: 'user',
      action: 'staff.role_changed',
      subjectType: 'staff_user',
      subjectId: String(zhao.id),
      data: { from: 'agent', to: 'supervisor' },
    })
    const bySubject = await search(`subject=staff_user:${zhao.id}`)
    expect(bySubject.rows.map((r: any) => r.action).sort()).toEqual([
      'staff.capacity_changed',
      'staff.created',
      'staff.disabled',
      'staff.login',
      'staff.role_changed',
    ])
    const adminName = byAction.rows[0].actorName
    expect((await search(`actor=${adminName}&action=staff.`)).rows.every((r: any) => r.actorName === adminName)).toBe(true)
    expect((await search('actor=nobody-at-all')).total).toBe(0)
    expect((await search('from=2099-01-01')).total).toBe(0)
    expect((await search('action=%25')).total).toBe(0) // a typed % is a character, not a wildcard
    expect((await call('GET', '/api/v1/panel/audit?from=yesterday')).status).toBe(400)
    const html = (await call('GET', `/admin/audit?subject=staff_user:${zhao.id}`)).body as string
    expect(html).toContain('staff.role_changed')
    expect(html).toContain('data-testid="audit-total"')
  })

  // Issue 18, item 8: the log is for people — actions, subjects and details in words (zh and en).
  it('shows the audit log in words in zh and en, with every action named in both', async () => {
    const zhao = (await call('GET', '/api/v1/panel/staff')).body.items.find((s: any) => s.username === 'zhao')
    const actions = (html: string) => [...html.matchAll(/data-testid="audit-action">([^<]*)</g)].map((m) => m[1])
    const zh = (await call('GET', `/admin/audit?subject=staff_user:${zhao.id}&lang=zh`)).body as string
    expect(actions(zh)).toEqual(expect.arrayContaining(['修改角色', '新建员工账号', '停用账号', '登录', '修改接待上限/技能组']))
    expect(zh).toContain('<dt>从</dt><dd>客服坐席</dd><dt>改为</dt><dd>主管</dd>')
    expect(zh).toContain(`员工 ${zhao.id}`)
    expect(zh).not.toMatch(/<td[^>]*>\s*<code>\{/) // no raw JSON as the details
    const en = (await call('GET', `/admin/audit?subject=staff_user:${zhao.id}&lang=en`)).body as string
    expect(actions(en)).toEqual(expect.arrayContaining(['Role changed', 'Staff account created', 'Account disabled']))
    expect(en).toContain('<dt>From</dt><dd>Agent</dd><dt>To</dt><dd>Supervisor</dd>')
    for (const a of AUDIT_ACTIONS) for (const l of ['zh', 'en'] as const) expect(actionText(l, a)).not.toBe(a)
  })
})
