import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../bot/runtime.ts'
import { adminModule } from '../../admin/module.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { readKbVersion } from '../../knowledge/search/kb-version.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'
import { seedKnowledge } from '../support/knowledge.ts'

describe.each(DB_KINDS)('bulk actions on knowledge entries on %s', (kind) => {
  let rt: Runtime
  let client: TestClient
  let admin: Awaited<ReturnType<TestClient['loginAs']>>
  const call = async (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST', headers = admin.headers) => {
    const res = await client.app.request(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
    return { status: res.status, body: (await res.json()) as any }
  }
  const bulk = (body: unknown, headers = admin.headers) => call('/api/v1/kb/entries/bulk', body, 'POST', headers)
  const entry = async (id: string) => (await call(`/api/v1/kb/entries/${id}`)).body
  const ask = async (text: string) => (await call('/api/v1/kb/search', { text })).body

  const drafts = [
    {
      id: 'bulk-gift',
      question: '可以开礼品卡吗',
      similarQuestions: ['能买礼品卡吗'],
      answer: '可以，礼品卡在"我的-礼品卡"购买。',
      status: 'draft',
      tags: ['礼品'],
    },
    { id: 'bulk-engrave', question: '商品可以刻字吗', similarQuestions: ['能不能刻字'], answer: '部分商品支持免费刻字，下单时填写即可。', status: 'draft' },
    { id: 'bulk-pet', question: '可以带宠物到门店吗', similarQuestions: ['门店能带狗吗'], answer: '门店欢迎携带牵绳的小型宠物。', status: 'draft' },
  ]
  const ids = drafts.map((d) => d.id)

  beforeAll(async () => {
    rt = await testRuntime(kind)
    await knowledgeModule.prepare!(rt)
    expect(await seedKnowledge(rt)).toBeGreaterThan(30)
    client = testApp(rt, [knowledgeModule, adminModule])
    admin = await client.loginAs('admin')
    for (const d of drafts) expect((await call('/api/v1/kb/entries', d)).status).toBe(201)
  })
  afterAll(async () => rt?.close())

  it('publishes drafts in one action: a version each, audited, searchable at once, indexed once', async () => {
    expect((await ask('可以开礼品卡吗')).candidates.map((c: any) => c.entryId)).not.toContain('bulk-gift')
    const kbVersion = await readKbVersion(rt.db)
    const r = await bulk({ action: 'publish', ids, versions: Object.fromEntries(ids.map((id) => [id, 1])) })
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ action: 'publish', changed: ids.map((id) => ({ id, version: 2 })), unchanged: [] })
    // The action's transaction, then one re-index for the whole action, not one per entry.
    expect(await readKbVersion(rt.db)).toBe(kbVersion + 2)

    const answer = await ask('可以开礼品卡吗')
    expect(answer.decision).toBe('answer')
    expect(answer.candidates[0].entryId).toBe('bulk-gift')

    const versions = (await call('/api/v1/kb/entries/bulk-engrave/versions')).body
    expect(versions.map((v: any) => v.version)).toEqual([2, 1])
    expect(versions[0].changedBy).toMatch(/admin/)
    expect(versions[0].snapshot.status).toBe('published')
    const audit = await rt.db.query<{ action: string; subject_id: string | null; data: any }>(
      `select action, subject_id, data from audit_events where action in ('kb.entry.updated', 'kb.entries.bulk') order by id desc limit 4`,
    )
    expect(audit.rows[0]).toMatchObject({ action: 'kb.entries.bulk', data: { action: 'publish', changed: ids } })
    expect(
      audit.rows
        .slice(1)
        .map((a) => a.subject_id)
        .sort(),
    ).toEqual([...ids].sort())
  })

  it('moves, tags and untags; entries already so are left alone', async () => {
    const moved = await bulk({ action: 'move', ids, categoryPath: ['售后服务', '特色服务'] })
    expect(moved.body.changed.map((c: any) => c.id)).toEqual(ids)
    expect((await entry('bulk-pet')).categoryPath).toEqual(['售后服务', '特色服务'])

    const tagged = await bulk({ action: 'addTag', ids, tag: '礼品' })
    expect(tagged.body).toMatchObject({ changed: [{ id: 'bulk-engrave' }, { id: 'bulk-pet' }], unchanged: ['bulk-gift'] })
    expect((await entry('bulk-pet')).tags).toEqual(['礼品'])
    const untagged = await bulk({ action: 'removeTag', ids: ['bulk-gift', 'bulk-pet'], tag: '礼品' })
    expect(untagged.body.changed).toHaveLength(2)
    expect((await entry('bulk-gift')).tags).toEqual([])
    expect((await entry('bulk-engrave')).tags).toEqual(['礼品'])
  })

  it('unpublishes back to draft, and the bot stops answering from them', async () => {
    const r = await bulk({ action: 'unpublish', ids: ['bulk-gift'] })
    expect(r.body.changed).toEqual([{ id: 'bulk-gift', version: expect.any(Number) }])
    expect((await entry('bulk-gift')).status).toBe('draft')
    expect((await ask('可以开礼品卡吗')).candidates.map((c: any) => c.entryId)).not.toContain('bulk-gift')
  })

  it('applies nothing when one id is unknown or one entry changed since it was seen', async () => {
    const unknown = await bulk({ action: 'publish', ids: ['bulk-gift', 'no-such-entry'] })
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.details.unknown).toEqual(['no-such-entry'])
    expect((await entry('bulk-gift')).status).toBe('draft')

    const gift = await entry('bulk-gift')
    const stale = await bulk({ action: 'delete', ids: ['bulk-gift', 'bulk-pet'], versions: { 'bulk-gift': gift.version - 1 } })
    expect(stale.status).toBe(409)
    expect(stale.body.error.details.changedSince).toEqual([{ id: 'bulk-gift', currentVersion: gift.version }])
    expect((await call('/api/v1/kb/entries/bulk-pet')).status).toBe(200)
  })

  it('refuses bad input with the field named', async () => {
    const bad = [
      {},
      { action: 'publish', ids: [] },
      { action: 'publish', ids: Array.from({ length: 201 }, (_, i) => `e-${i}`) },
      { action: 'explode', ids: ['bulk-gift'] },
      { action: 'move', ids: ['bulk-gift'], categoryPath: ['a', 'b', 'c', 'd'] },
      { action: 'addTag', ids: ['bulk-gift'], tag: '  ' },
      { action: 'publish', ids: ['bad id with spaces'] },
    ]
    for (const body of bad) {
      const r = await bulk(body)
      expect(r.status, JSON.stringify(body).slice(0, 60)).toBe(400)
      expect(r.body.error.details.issues.length).toBeGreaterThan(0)
    }
  })

  it('lets agents read but never act in bulk, and documents the route', async () => {
    const agent = await client.loginAs('agent')
    const denied = await bulk({ action: 'delete', ids }, agent.headers)
    expect(denied.status).toBe(403)
    expect((await call('/api/v1/kb/entries/bulk-pet')).status).toBe(200)
    const doc = (await call('/api/v1/openapi.json')).body
    expect(doc.paths['/api/v1/kb/entries/bulk'].post.summary).toMatch(/at once/)
  })

  it('deletes, with the snapshots kept in the audit trail', async () => {
    const r = await bulk({ action: 'delete', ids: ['bulk-pet', 'bulk-engrave'] })
    expect(r.body.changed).toEqual([
      { id: 'bulk-pet', version: null },
      { id: 'bulk-engrave', version: null },
    ])
    expect((await call('/api/v1/kb/entries/bulk-pet')).status).toBe(404)
    expect((await ask('门店能带狗吗')).candidates.map((c: any) => c.entryId)).not.toContain('bulk-pet')
    const kept = await rt.db.query<{ data: any }>(`select data from audit_events where action = 'kb.entry.deleted' and subject_id = 'bulk-pet'`)
    expect(kept.rows[0]!.data).toMatchObject({ bulk: true, snapshot: { question: '可以带宠物到门店吗' } })
  })
})
