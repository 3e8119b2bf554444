import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminModule } from '../../admin/module.ts'
import { panelModule } from '../../admin/panel/module.ts'
import { ManualClock } from '../../bot/clock.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { customer } from '../support/customers.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'
import { seedWeek, WEEK } from './panel-dataset.ts'

describe.each(DB_KINDS)('dashboard figures on a hand-counted week (%s)', (kind) => {
  let rt: Runtime
  let client: TestClient
  let sup: Awaited<ReturnType<TestClient['loginAs']>>
  let ids: Record<string, number>
  const get = async (path: string, who = sup) => {
    const res = await client.app.request(path, { headers: who.headers })
    return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? ((await res.json()) as any) : await res.text() }
  }
  const week = `from=${WEEK.from}&to=${WEEK.to}`

  beforeAll(async () => {
    rt = await testRuntime(kind, { clock: new ManualClock(new Date('2026-03-08T12:00:00+08:00')) })
    await knowledgeModule.prepare!(rt)
    ids = await seedWeek(rt.db)
    client = testApp(rt, [knowledgeModule, panelModule, adminModule])
    sup = await client.loginAs('supervisor')
  })
  afterAll(async () => rt?.close())

  it('counts every figure exactly, in the desk time zone', async () => {
    const { status, body: f } = await get(`/api/v1/panel/dashboard?${week}`)
    expect(status, JSON.stringify(f)).toBe(200)
    // F (02-28 23:50) and H (03-08 00:10, still 03-07 in UTC) are outside the week in Asia/Shanghai.
    expect(f.conversations.total).toBe(6)
    expect(f.conversations.perDay.map((d: any) => d.count)).toEqual([2, 1, 1, 0, 1, 0, 1])
    expect(f.botResolved).toEqual({ count: 3, rate: 0.5 }) // A, B, G answered with no person involved
    expect(f.handoff).toEqual({ count: 2, rate: 2 / 6 }) // C, D
    expect(f.fallback).toEqual({ count: 2, of: 7, rate: 2 / 7 }) // answer/clarify/fallback replies
    expect(f.satisfaction).toEqual({ answered: 3, satisfied: 1, basic: 1, dissatisfied: 1, rate: 2 / 3 })
    expect(f.sla).toMatchObject({ tickets: 2, met: 2, judged: 3, rate: 2 / 3, firstResponse: 0.5, resolution: 1 })
    expect(f.firstResponse).toEqual({ medianSeconds: 240, conversations: 2 }) // 120 s and 360 s after queueing
    expect(f.topQuestions.map((q: any) => [q.entryId, q.count])).toEqual([
      ['demo-track', 3],
      ['demo-return', 2],
    ])
    expect(f.topUnanswered.map((g: any) => [g.sample, g.count])).toEqual([
      ['专票能开到个人名下吗', 1],
      ['发票抬头写错了能改吗', 1],
    ])
    expect(f.lowestRated.map((e: any) => [e.entryId, e.positive, e.negative])).toEqual([
      ['demo-track', 1, 1],
      ['demo-return', 2, 1],
    ])
  })

  it('narrows to one channel', async () => {
    const { body: f } = await get(`/api/v1/panel/dashboard?${week}&channel=wechat`)
    expect(f.conversations.total).toBe(2)
    expect(f.botResolved.rate).toBe(0)
    expect(f.handoff.rate).toBe(1)
    expect(f.fallback).toEqual({ count: 1, of: 2, rate: 0.5 })
    expect(f.satisfaction.rate).toBe(0.5)
    expect(f.topQuestions).toEqual([{ entryId: 'demo-return', question: 'demo-return', count: 1 }])
  })

  it('lists the very conversations behind each figure', async () => {
    const list = async (q: string) => (await get(`/api/v1/panel/dashboard/conversations?${week}&${q}`)).body.rows.map((r: any) => r.id).sort()
    expect(await list('show=handoff')).toEqual([ids.C, ids.D].sort())
    expect(await list('show=bot_resolved')).toEqual([ids.A, ids.B, ids.G].sort())
    expect(await list('show=fallback')).toEqual([ids.B, ids.C].sort())
    expect(await list('show=entry&entry=demo-track')).toEqual([ids.B, ids.G].sort())
    expect(await list('show=rated&entry=demo-return')).toEqual([ids.A, ids.D].sort())
    expect((await get(`/api/v1/panel/dashboard/conversations?from=2026-03-07&to=2026-03-07&show=all`)).body.rows.map((r: any) => r.id)).toEqual([ids.G])
  })

  it('draws the page with charts and links, for supervisors only', async () => {
    const { status, body: html } = await get(`/admin/dashboard?${week}`)
    expect(status).toBe(200)
    expect(html).toContain('data-testid="chart-per-day"')
    expect(html).toContain('50.0%')
    expect(html).toContain('/admin/dashboard/conversations?from=2026-03-01&amp;to=2026-03-07&amp;show=handoff')
    const transcript = await get(`/admin/dashboard/conversations/${ids.C}`)
    expect(transcript.body).toContain('专票请在订单页')
    const agent = await client.loginAs('agent')
    expect((await get(`/admin/dashboard?${week}`, agent)).status).toBe(403)
    expect((await get(`/api/v1/panel/dashboard?${week}`, agent)).status).toBe(403)
  })

  it('proposes the agent reply after a handover as an entry, and forgets it once dismissed', async () => {
    const q = `/api/v1/panel/unanswered?days=365`
    const before = (await get(q)).body
    expect(before.agentReplies.map((p: any) => [p.sample, p.reply])).toEqual([
      ['专票能开到个人名下吗', '专票请在订单页「申请开票」里选择增值税专用发票，抬头须为企业。'],
    ])
    const pair = before.agentReplies[0]
    const res = await client.app.request('/api/v1/panel/unanswered/dismiss', {
      method: 'POST',
      headers: sup.headers,
      body: JSON.stringify({ sample: pair.sample, keys: pair.keys, source: 'agent_reply' }),
    })
    expect(res.status).toBe(200)
    const after = (await get(q)).body
    expect(after.agentReplies).toEqual([])
    expect(after.questions.map((g: any) => g.sample)).toContain('专票能开到个人名下吗') // dismissing the pair leaves the question itself
  })

  it('shows what customers typed as text, never as markup', async () => {
    const said = await customer(rt).say('<script>alert(1)</script>洗碗机能放铁锅吗')
    expect(said.replies.map((r) => r.kind)).not.toContain('answer')
    const html = (await get('/admin/knowledge/unanswered?days=365')).body as string
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;洗碗机能放铁锅吗')
    expect(html).not.toContain('<script>alert(1)')
    expect((await get('/admin/knowledge/unanswered?days=nonsense')).status).toBe(200)
  })
})
