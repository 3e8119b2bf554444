import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setSetting } from '../../bot/settings.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { adminModule } from '../../admin/module.ts'
import { panelModule } from '../../admin/panel/module.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { testRuntime } from '../support/services.ts'
import { seedKnowledge } from '../support/knowledge.ts'

describe('admin panel pages and settings API', () => {
  let rt: Runtime
  let client: TestClient
  let admin: Awaited<ReturnType<TestClient['loginAs']>>
  let agent: Awaited<ReturnType<TestClient['loginAs']>>
  const get = (path: string, who = admin) => client.app.request(path, { headers: who.headers })

  beforeAll(async () => {
    rt = await testRuntime('pglite')
    await knowledgeModule.prepare!(rt)
    expect(await seedKnowledge(rt)).toBeGreaterThan(30)
    client = testApp(rt, [knowledgeModule, panelModule, adminModule])
    admin = await client.loginAs('admin')
    agent = await client.loginAs('agent')
  })
  afterAll(async () => rt?.close())

  it('lists, filters and sorts entries, escaping what users typed', async () => {
    const res = await get('/admin/knowledge?category=退款&sort=question&dir=asc')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('退款什么时候到账')
    expect(html).not.toContain('如何换货')
    const q = await (await get('/admin/knowledge?q=%3Cscript%3Ealert(1)%3C/script%3E')).text()
    expect(q).not.toContain('<script>alert(1)</script>')
  })

  it('prints table times in the configured zone, whatever the server runs in', async () => {
    const actor = { type: 'system' as const, name: 'test' }
    await rt.db.query(`update kb_entries set updated_at = '2001-02-03T16:05:00Z' where id = 'demo-return'`)
    const row = async () => (await (await get('/admin/knowledge?sort=updated&dir=asc')).text()).match(/2001-02-0\d \d\d:\d\d/)?.[0]
    expect(await row()).toBe('2001-02-04 00:05') // Asia/Shanghai, the default
    await setSetting(rt.db, actor, 'tickets.timezone', 'Europe/Berlin')
    try {
      expect(await row()).toBe('2001-02-03 17:05')
      await expect(setSetting(rt.db, actor, 'tickets.timezone', 'Asia/Shangai')).rejects.toThrow()
    } finally {
      await setSetting(rt.db, actor, 'tickets.timezone', 'Asia/Shanghai')
    }
  })

  it('renders every page for its role and keeps agents read-only', async () => {
    for (const path of [
      '/admin/knowledge/new',
      '/admin/knowledge/demo-return',
      '/admin/knowledge/demo-return/history',
      '/admin/knowledge/try',
      '/admin/knowledge/import',
      '/admin/knowledge/taxonomy',
      '/admin/settings',
    ])
      expect((await get(path)).status, path).toBe(200)
    expect((await get('/admin/knowledge/nope')).status).toBe(404)
    expect((await get('/admin/settings', agent)).status).toBe(403)
    expect((await get('/admin/knowledge/new', agent)).status).toBe(403)
    const page = await (await get('/admin/knowledge/demo-return', agent)).text()
    expect(page).toMatch(/<fieldset disabled/)
    expect(page).not.toContain('data-testid="publish"')
  })

  it('says so when calibration found no threshold that answers directly, and what to do', async () => {
    expect(await (await get('/admin/settings')).text()).not.toContain('data-testid="never-answers"')
    const before = await rt.db.query<{ calibrated: unknown }>('select calibrated from kb_calibration where id = 1')
    await rt.db.query(`update kb_calibration set calibrated = jsonb_set(calibrated, '{answer}', '1.01') where id = 1`)
    try {
      const html = await (await get('/admin/settings')).text()
      expect(html).toContain('data-testid="never-answers"')
      expect(html).toMatch(/相似问法|similar questions/)
    } finally {
      await rt.db.query('update kb_calibration set calibrated = $1 where id = 1', [JSON.stringify(before.rows[0]!.calibrated)])
    }
  })

  it('computes a what-if: a stricter answer threshold answers less', async () => {
    const looseRes = await get('/api/v1/panel/what-if?answer=0.3&margin=0&clarify=0.2')
    const loose = (await looseRes.json()) as any
    expect(looseRes.status, JSON.stringify(loose)).toBe(200)
    const strict = (await (await get('/api/v1/panel/what-if?answer=0.99&margin=0.1&clarify=0.2')).json()) as any
    expect(loose.examples.total).toBeGreaterThan(20)
    // Judged on the examples calibration itself held out, positives and negatives both.
    expect(loose.source).toBe('calibration')
    expect(loose.examples.negatives).toBeGreaterThan(0)
    expect(loose.proposed.answered).toBeGreaterThan(strict.proposed.answered)
    expect(loose.proposed.precision).toBeGreaterThan(0)
    expect((await get('/api/v1/panel/what-if?answer=0.3&margin=0&clarify=0.5')).status).toBe(400)
  })

  it('saves settings only when every value is valid', async () => {
    const put = (body: unknown) => client.app.request('/api/v1/panel/settings', { method: 'PUT', headers: admin.headers, body: JSON.stringify(body) })
    expect((await put({ 'handoff.keywords': ['找经理'], 'handoff.waitTimeoutSec': 5 })).status).toBe(400)
    expect(((await (await get('/api/v1/panel/settings')).json()) as any)['handoff.keywords']).toEqual([])
    const ok = await put({
      'handoff.keywords': ['找经理'],
      officeHours: { timezone: 'Asia/Shanghai', days: [1, 2], start: '09:00', end: '18:00', holidays: ['2026-10-01'] },
    })
    expect(ok.status).toBe(200)
    expect(((await ok.json()) as any).officeHours.holidays).toEqual(['2026-10-01'])
  })
})
