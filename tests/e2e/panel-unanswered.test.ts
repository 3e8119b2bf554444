import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminModule } from '../../admin/module.ts'
import { panelModule } from '../../admin/panel/module.ts'
import { systemCtx } from '../../bot/context.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { readEntry } from '../../knowledge/entries/store.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { seedWeek, WEEK } from '../integration/panel-dataset.ts'
import { launchBrowser, staffPage } from '../support/browser.ts'
import { customer } from '../support/customers.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime } from '../support/services.ts'
import { seedKnowledge } from '../support/knowledge.ts'

const shot = (page: Page, name: string) => page.screenshot({ path: `docs/screenshots/${name}`, fullPage: true })
const kinds = (r: { replies: { kind: string }[] }) => r.replies.map((x) => x.kind)

describe('unanswered questions, the dashboard and people in a real browser', () => {
  let rt: Runtime
  let browser: Browser
  let server: { url: string; stop(): Promise<void> }
  let page: Page

  beforeAll(async () => {
    rt = await testRuntime('postgres')
    await knowledgeModule.prepare!(rt)
    expect(await seedKnowledge(rt)).toBeGreaterThan(30)
    await seedWeek(rt.db) // a handed-over chat with an agent's reply, and a week for the dashboard
    await createUser({ ctx: systemCtx(rt), input: { username: 'wang', displayName: '王主管', role: 'admin', password: 'admin-password-1' } })
    server = await serveForTest(rt, [knowledgeModule, panelModule, adminModule])
    browser = await launchBrowser()
    page = await staffPage(browser, server.url, 'wang', 'admin-password-1', { width: 1280, height: 800 })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('turning an unanswered question into a similar question so that the same message is then answered', async () => {
    const message = '发票抬头写错了能改吗'
    const alice = customer(rt)
    const first = await alice.say(message)
    expect(kinds(first)).not.toContain('answer')
    expect(kinds(first).some((k) => k === 'clarify' || k === 'fallback')).toBe(true)
    await customer(rt).say('發票抬頭寫錯了，能改嗎？') // the same wording in Traditional, with punctuation
    await customer(rt).say('发票的抬头写错了能改吗') // a near-duplicate
    await customer(rt).say('洗碗机的滤网多久清洗一次')

    await page.goto(`${server.url}/admin/knowledge/unanswered?days=365`)
    const item = page.locator('[data-testid=un-questions] li.un-item', { hasText: '发票' })
    await expect.poll(() => item.count()).toBe(1) // four messages (one from the seeded week), one group
    expect(await item.textContent()).toContain('4 次')
    expect(await item.textContent()).toContain('2 种说法')
    expect(await page.textContent('[data-testid=un-pairs]')).toContain('专票请在订单页') // an agent's reply, proposed as an entry

    await item.locator('[data-testid=un-add-similar]').click()
    const pick = item.locator('[data-testid=un-pick][data-entry=demo-invoice]')
    await pick.waitFor() // search suggests the invoice entry among its top candidates
    await shot(page, 'unanswered.png')
    await pick.click()
    await expect.poll(() => page.textContent('#un-status')).toContain('已加为相似问法')
    await expect.poll(() => item.count()).toBe(0)

    const again = await alice.say(message)
    expect(again.replies.find((r) => r.kind === 'answer')).toMatchObject({ kbEntryId: 'demo-invoice' })
    const entry = await readEntry(rt.db, 'demo-invoice')
    expect(entry).toMatchObject({ status: 'published', tags: ['发票'], categoryPath: ['订单与物流', '发票'] }) // only the similar question changed
    await page.reload()
    expect(await page.locator('[data-testid=un-questions] li.un-item', { hasText: '发票' }).count()).toBe(0)
  })

  it('starts a new entry from an unanswered question, prefilled', async () => {
    await page.goto(`${server.url}/admin/knowledge/unanswered?days=365`)
    const item = page.locator('[data-testid=un-questions] li.un-item', { hasText: '洗碗机' })
    await item.locator('a', { hasText: '新建条目' }).click()
    await page.waitForURL(/\/admin\/knowledge\/new\?question=/)
    expect(await page.inputValue('input[name=question]')).toBe('洗碗机的滤网多久清洗一次')
  })

  it('shows the dashboard as charts whose figures open the conversations behind them', async () => {
    await page.goto(`${server.url}/admin/dashboard?from=${WEEK.from}&to=${WEEK.to}`)
    expect(await page.textContent('[data-testid=kpi-bot] .kpi-value')).toBe('50.0%')
    expect(await page.locator('[data-testid=chart-per-day] rect.bar').count()).toBe(7)
    await shot(page, 'dashboard.png')
    await page.click('[data-testid=kpi-handoff]')
    await page.waitForURL(/show=handoff/)
    expect(await page.textContent('[data-testid=conv-total]')).toContain('共 2 个会话')
    await page.click('[data-testid=conv-list] tbody tr:first-child a')
    await expect.poll(() => page.textContent('[data-testid=transcript]')).toContain('人工')
  })

  it('adds a person with field-level checks, changes the role and disables them after asking', async () => {
    await page.goto(`${server.url}/admin/people`)
    await page.click('[data-testid=staff-create-submit]')
    expect(await page.textContent('#staff-create input[name=username] ~ .field-error')).toBe('必填。')
    await page.fill('#staff-create input[name=username]', 'chen')
    await page.fill('#staff-create input[name=displayName]', '陈坐席')
    await page.fill('#staff-create input[name=password]', 'short')
    await page.click('[data-testid=staff-create-submit]')
    expect(await page.textContent('#staff-create input[name=password] ~ .field-error')).toBe('密码至少 8 个字符。')
    await page.fill('#staff-create input[name=password]', 'chen-password-1')
    await page.click('[data-testid=staff-create-submit]')
    await page.waitForURL(/created=chen/)
    const row = page.locator('tr[data-username=chen]')
    await row.locator('select[name=role]').selectOption('supervisor')
    await row.locator('input[name=teams]').fill('售后, VIP')
    await row.locator('[data-act=save]').click()
    await expect.poll(() => page.textContent('#people-status')).toContain('已保存 chen')
    await row.locator('[data-act=disable]').click() // the dialog is accepted (see beforeAll)
    await expect.poll(() => row.textContent()).toContain('已停用')
    await page.goto(`${server.url}/admin/audit?subject=staff_user:${await row.getAttribute('data-staff')}`)
    // The audit log says what happened in words (issue 18, item 8), not the action's code.
    const audit = await page.textContent('[data-testid=audit-list]')
    expect(audit).toContain('修改角色')
    expect(audit).toContain('从客服坐席改为主管')
    expect(audit).not.toContain('staff.role_changed')
  })
})
