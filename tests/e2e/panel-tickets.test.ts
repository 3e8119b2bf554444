import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemCtx } from '../../bot/context.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { adminModule } from '../../admin/module.ts'
import { panelModule } from '../../admin/panel/module.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { conversationsModule } from '../../bot/conversations/module.ts'
import { ticketsModule } from '../../bot/tickets/module.ts'
import { launchBrowser, pageApi, staffPage } from '../support/browser.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime } from '../support/services.ts'
import { seedKnowledge } from '../support/knowledge.ts'
import { customer } from '../support/customers.ts'

describe('ticket console in a real browser', () => {
  let rt: Runtime
  let browser: Browser
  let server: { url: string; stop(): Promise<void> }
  let page: Page
  let agentId: number
  const api = (method: string, url: string, body?: unknown) => pageApi(page)(method, url, body)

  beforeAll(async () => {
    rt = await testRuntime('postgres')
    for (const m of [knowledgeModule, conversationsModule, ticketsModule]) await m.prepare?.(rt)
    await seedKnowledge(rt)
    await createUser({ ctx: systemCtx(rt), input: { username: 'zhao', displayName: '赵主管', role: 'supervisor', password: 'super-password-1' } })
    const agent = await createUser({ ctx: systemCtx(rt), input: { username: 'li', displayName: '李客服', role: 'agent', password: 'agent-password-1' } })
    agentId = Number(agent.id)
    await rt.db.query(`insert into customers (id, name) values ('cust-tk-1', '<b>张三</b>')`)
    server = await serveForTest(rt, [knowledgeModule, conversationsModule, ticketsModule, panelModule, adminModule])
    browser = await launchBrowser()
    page = await staffPage(browser, server.url, 'zhao', 'super-password-1', { width: 1280, height: 900 })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('filters, moves a ticket, notes it, and bulk-assigns', async () => {
    const a = await api('POST', '/api/v1/tickets', { customerId: 'cust-tk-1', type: 'repair', subject: '冰箱不制冷 <script>x</script>' })
    const b = await api('POST', '/api/v1/tickets', { customerId: 'cust-tk-1', type: 'complaint', priority: 'high', subject: '送货迟到' })
    await api('POST', `/api/v1/tickets/${b.number}/status`, { to: 'open' })

    await page.goto(`${server.url}/admin/tickets`)
    expect(await page.locator('[data-testid=tk-list] tbody tr').count()).toBe(2)
    // User text is shown as text, never markup.
    expect(await page.textContent(`tr[data-number="${a.number}"]`)).toContain('<script>x</script>')
    expect(await page.textContent(`tr[data-number="${a.number}"]`)).toContain('<b>张三</b>')

    await page.selectOption('[data-testid=tk-f-status]', 'new')
    await page.click('[data-testid=tk-apply]')
    await page.waitForURL(/status=new/)
    const rows = page.locator('[data-testid=tk-list] tbody tr')
    expect(await rows.count()).toBe(1)
    expect(await rows.first().getAttribute('data-number')).toBe(a.number)

    await page.click(`a[href="/admin/tickets/${a.number}"]`)
    await page.waitForURL(`${server.url}/admin/tickets/${a.number}`)
    expect(await page.textContent('[data-testid=tk-fields]')).toContain('新建')
    // Only the allowed moves are offered: new → open / pending_customer / resolved.
    expect(await page.locator('[data-testid=tk-moves] button').count()).toBe(3)
    await page.click('[data-testid=tk-move-open]')
    await expect.poll(() => page.textContent('[data-testid=tk-fields]')).toContain('处理中')
    expect(await page.textContent('[data-testid=tk-history]')).toContain('新建 → 处理中')

    // A stale page: someone resolved it meanwhile; the server's 409 and its allowed moves are shown.
    await page.reload()
    await api('POST', `/api/v1/tickets/${a.number}/status`, { to: 'resolved' })
    await page.click('[data-testid=tk-move-pending_customer]')
    await expect.poll(() => page.textContent('#tk-error')).toContain('不能从「已解决」变为「等待客户」')
    expect(await page.textContent('#tk-error')).toContain('已关闭、已重开')
    await page.reload()

    await page.fill('[data-testid=tk-note-text]', '客户说周末在家 <i>ok</i>')
    await page.click('[data-testid=tk-note]')
    await expect.poll(() => page.textContent('[data-testid=tk-notes]')).toContain('客户说周末在家 <i>ok</i>')
    expect((await api('GET', `/api/v1/tickets/${a.number}`)).events.map((e: any) => e.kind)).toContain('note')

    await page.goto(`${server.url}/admin/tickets`)
    const assignee = (n: string) => page.textContent(`tr[data-number="${n}"] [data-col=assignee]`)
    expect(await assignee(a.number)).not.toContain('李客服')
    await page.check('#tk-all')
    await page.selectOption('[data-testid=tk-bulk-agent]', String(agentId))
    await page.click('[data-testid=tk-bulk-assign]')
    await expect.poll(() => assignee(a.number), { timeout: 10_000 }).toContain('李客服')
    expect(await assignee(b.number)).toContain('李客服')
    expect((await api('GET', `/api/v1/tickets/${b.number}`)).ticket.assigneeId).toBe(agentId)
  })

  it("suggests the same customer's ticket from another channel, merges it after a confirmation, and shows a paused SLA clock", async () => {
    // One person, two channels: a web chat visitor and a Telegram user with the same phone.
    const web = customer(rt)
    const tg = customer(rt, undefined, 'telegram')
    const w = await web.say('空调不制冷')
    const t = await tg.say('空调不制冷，网页上说过了')
    const ids = (
      await rt.db.query<any>(`select customer_id, channel from customer_identities where external_id = any($1)`, [[web.externalUserId, tg.externalUserId]])
    ).rows
    const idOf = (ch: string) => ids.find((r) => r.channel === ch)!.customer_id as string
    await rt.db.query(`update customers set phone = '13700001111', name = '王五' where id = any($1)`, [ids.map((r) => r.customer_id)])
    const keep = await api('POST', '/api/v1/tickets', { customerId: idOf('webchat'), conversationId: w.conversationId, type: 'repair', subject: '空调不制冷' })
    const dup = await api('POST', '/api/v1/tickets', {
      customerId: idOf('telegram'),
      conversationId: t.conversationId,
      type: 'repair',
      subject: '空调不制冷（Telegram）',
    })
    const gone = await api('POST', '/api/v1/tickets', { customerId: idOf('webchat'), type: 'enquiry', subject: '发票' })

    await page.goto(`${server.url}/admin/tickets/${keep.number}`)
    const suggested = page.locator('[data-testid=tk-duplicates] li')
    expect(await suggested.count()).toBe(2)
    expect(await page.textContent(`[data-testid=tk-duplicates] li[data-number="${dup.number}"]`)).toContain('电话相同')
    expect(await page.textContent(`[data-testid=tk-duplicates] li[data-number="${dup.number}"]`)).toContain('Telegram')

    // Closed meanwhile: the refusal says why.
    await api('POST', `/api/v1/tickets/${gone.number}/status`, { to: 'resolved' })
    await api('POST', `/api/v1/tickets/${gone.number}/status`, { to: 'closed' })
    await page.click(`[data-testid=tk-merge-${gone.number}]`)
    await expect.poll(() => page.textContent('#tk-error')).toContain(`工单 ${gone.number} 已关闭，不能合并`)

    const asked: string[] = []
    page.once('dialog', (d) => void asked.push(d.message())) // staffPage accepts it
    await page.click(`[data-testid=tk-merge-${dup.number}]`)
    await expect.poll(() => page.locator('[data-testid=tk-sources] a[data-testid=tk-merged-transcript]').count(), { timeout: 10_000 }).toBe(1)
    expect(asked[0]).toContain(`确定把工单 ${dup.number} 合并到本工单 ${keep.number}`)
    // Both source conversations, and the merge in the history.
    expect(await page.getAttribute('[data-testid=tk-transcript]', 'href')).toBe(`/admin/dashboard/conversations/${w.conversationId}`)
    expect(await page.getAttribute('[data-testid=tk-merged-transcript]', 'href')).toBe(`/admin/dashboard/conversations/${t.conversationId}`)
    expect(await page.textContent('[data-testid=tk-history]')).toContain(`合并了重复工单 ${dup.number}`)
    expect(await page.textContent('[data-testid=tk-duplicates]')).toContain('没有发现')

    await page.goto(`${server.url}/admin/tickets/${dup.number}`)
    expect(await page.textContent('[data-testid=tk-merged-into]')).toContain(keep.number)
    expect(await page.textContent('[data-testid=tk-fields]')).toContain('已关闭')
    expect(await page.textContent('[data-testid=tk-history]')).toContain(`已合并到 ${keep.number}`)
    expect(await page.locator('[data-testid=tk-moves] button').count()).toBe(0) // it carries on as the survivor

    // Waiting on the customer: the resolution clock says it is paused.
    await api('POST', `/api/v1/tickets/${keep.number}/status`, { to: 'pending_customer', note: '请发一张室外机的照片。' })
    await page.goto(`${server.url}/admin/tickets/${keep.number}`)
    expect(await page.textContent('[data-testid=tk-sla]')).toMatch(/已暂停：自 .* 起等待客户/)
    expect(await page.textContent('[data-testid=tk-sla]')).toContain('等待客户用时（不计入时限）0 小时 0 分')
    // …and the list files it under "paused", not "on track".
    await page.goto(`${server.url}/admin/tickets?sla=paused`)
    expect(await page.textContent(`tr[data-number="${keep.number}"] [data-col=sla]`)).toBe('已暂停（等待客户）')
    await page.goto(`${server.url}/admin/tickets?sla=on_track`)
    expect(await page.locator(`tr[data-number="${keep.number}"]`).count()).toBe(0)
  })
})
