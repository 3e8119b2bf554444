import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../bot/runtime.ts'
import { adminModule } from '../../admin/module.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'
import { seedKnowledge } from '../support/knowledge.ts'

describe.each(DB_KINDS)('knowledge API on %s', (kind) => {
  let rt: Runtime
  let client: TestClient
  let admin: Awaited<ReturnType<TestClient['loginAs']>>
  const post = (path: string, body: unknown, method = 'POST') => client.app.request(path, { method, headers: admin.headers, body: JSON.stringify(body) })
  const ask = async (text: string) => (await (await post('/api/v1/kb/search', { text })).json()) as any

  beforeAll(async () => {
    rt = await testRuntime(kind)
    await knowledgeModule.prepare!(rt)
    await rt.jobs.start()
    expect(await seedKnowledge(rt)).toBeGreaterThan(30)
    client = testApp(rt, [knowledgeModule, adminModule])
    admin = await client.loginAs('admin')
  })
  afterAll(async () => rt?.close())

  it('answers a Traditional-Chinese question from a Simplified entry', async () => {
    const r = await ask('怎麼退貨')
    expect(r.decision).toBe('answer')
    expect(r.candidates[0]).toMatchObject({ entryId: 'demo-return', question: '如何退货' })
    expect(r.candidates[0].reason.matchedQuestion).toBeTruthy()
    expect(r.thresholds.source).toBeDefined()
  })

  it('reflects an edit made through the API in the very next search, without a restart', async () => {
    const before = await ask('快递员把我的冰箱门撞凹了')
    expect(before.candidates[0]?.entryId === 'demo-damaged' && before.decision === 'answer').toBe(false)
    const current = (await (await client.app.request('/api/v1/kb/entries/demo-damaged', { headers: admin.headers })).json()) as any
    const res = await post(
      '/api/v1/kb/entries/demo-damaged',
      { version: current.version, similarQuestions: [...current.similarQuestions, '快递员把我的冰箱门撞凹了'], answer: `${current.answer}（已更新）` },
      'PUT',
    )
    expect(res.status).toBe(200)
    const after = await ask('快递员把我的冰箱门撞凹了')
    expect(after.decision).toBe('answer')
    expect(after.candidates[0].entryId).toBe('demo-damaged')
  })

  it('refuses the second of two saves based on the same version with 409, losing neither silently', async () => {
    const e = (await (await client.app.request('/api/v1/kb/entries/demo-invoice', { headers: admin.headers })).json()) as any
    const first = await post('/api/v1/kb/entries/demo-invoice', { version: e.version, tags: ['发票', '财务'] }, 'PUT')
    expect(first.status).toBe(200)
    const second = await post('/api/v1/kb/entries/demo-invoice', { version: e.version, tags: ['发票', '税务'] }, 'PUT')
    expect(second.status).toBe(409)
    expect(((await second.json()) as any).error.details).toMatchObject({ currentVersion: e.version + 1, yourVersion: e.version })
    const versions = (await (await client.app.request('/api/v1/kb/entries/demo-invoice/versions', { headers: admin.headers })).json()) as any[]
    expect(versions.map((v) => v.version)).toEqual([e.version + 1, e.version])
    const partial = (await (await client.app.request('/api/v1/kb/entries/demo-invoice', { headers: admin.headers })).json()) as any
    expect(partial).toMatchObject({ status: 'published', categoryPath: e.categoryPath, tags: ['发票', '财务'] }) // a partial edit keeps the rest
    const restored = await post(`/api/v1/kb/entries/demo-invoice/versions/${e.version}/restore`, { version: e.version + 1 })
    expect((await restored.json()) as any).toMatchObject({ version: e.version + 2, tags: ['发票'] })
  })

  it('refuses a category level holding ">" (the path separator of import and export cells), so every saved path survives export → import', async () => {
    const entry = await post('/api/v1/kb/entries', { question: '冰箱门怎么调平', answer: '旋转底脚即可。', categoryPath: ['家电 > 冰箱'] })
    expect(entry.status).toBe(400)
    expect(((await entry.json()) as any).error.details.issues).toEqual([{ path: 'categoryPath.0', message: 'a category level cannot contain ">"' }])
    const category = await post('/api/v1/kb/categories', { name: 'A>B' })
    expect(category.status).toBe(400)
    expect((await post('/api/v1/kb/categories', { name: 'TCP、IP 设置' })).status).toBe(201)
  })

  it('never answers from drafts or entries outside their validity window', async () => {
    const created = await post('/api/v1/kb/entries', {
      id: 'promo-1111',
      question: '双十一活动什么时候开始',
      answer: '11 月 1 日开始。',
      status: 'published',
      validFrom: '2020-10-01T00:00:00Z',
      validTo: '2020-11-12T00:00:00Z',
    })
    expect(created.status).toBe(201)
    const draft = await post('/api/v1/kb/entries', { id: 'secret-draft', question: '内部草稿问题测试', answer: '草稿', status: 'draft' })
    expect(draft.status).toBe(201)
    for (const q of ['双十一活动什么时候开始', '内部草稿问题测试']) {
      const r = await ask(q)
      expect(r.candidates.map((c: any) => c.entryId)).not.toContain(q.startsWith('双') ? 'promo-1111' : 'secret-draft')
    }
  })

  it('turns bad queries into a clear outcome, never an error', async () => {
    for (const text of ['', '   \t\n', 'x'.repeat(10_000), '\u0000\u0001\uFFFD\uD83D', "'; drop table kb_entries; --", '.*(a+)+$[', 'ｒｅｆｕｎｄ 退款 😡😡']) {
      const res = await post('/api/v1/kb/search', { text })
      expect(res.status, JSON.stringify(text.slice(0, 20))).toBe(200)
      expect(['answer', 'clarify', 'fallback']).toContain(((await res.json()) as any).decision)
    }
    expect((await ask('')).decision).toBe('fallback')
    expect((await post('/api/v1/kb/search', { text: 'x'.repeat(10_001) })).status).toBe(400)
  })

  it('lets agents read but not edit, and describes every route in the OpenAPI document', async () => {
    const agent = await client.loginAs('agent')
    expect((await client.app.request('/api/v1/kb/entries?q=退货', { headers: agent.headers })).status).toBe(200)
    const denied = await client.app.request('/api/v1/kb/entries', {
      method: 'POST',
      headers: agent.headers,
      body: JSON.stringify({ question: 'q', answer: 'a' }),
    })
    expect(denied.status).toBe(403)
    const doc = (await (await client.app.request('/api/v1/openapi.json')).json()) as any
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/kb/search', '/api/v1/kb/entries', '/api/v1/kb/entries/{id}', '/api/v1/kb/synonyms']),
    )
    expect(doc.paths['/api/v1/kb/entries'].post.requestBody.content['application/json'].schema.properties.question).toBeDefined()
  })
})
