import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemCtx } from '../../bot/context.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { adminModule } from '../../admin/module.ts'
import { panelModule } from '../../admin/panel/module.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { createEntry } from '../../knowledge/entries/createEntry.ts'
import { conversationsModule } from '../../bot/conversations/module.ts'
import { ticketsModule } from '../../bot/tickets/module.ts'
import { webchatModule } from '../../adapters/webchat/module.ts'
import { launchBrowser, staffPage } from '../support/browser.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime } from '../support/services.ts'
import { seedKnowledge } from '../support/knowledge.ts'

const MODULES = [knowledgeModule, conversationsModule, ticketsModule, webchatModule]

describe('bulk actions in the knowledge list, in a real browser', () => {
  let rt: Runtime
  let browser: Browser
  let server: { url: string; stop(): Promise<void> }
  let page: Page
  const asked: string[] = []
  const status = (p: Page, id: string) => p.textContent(`[data-testid=kb-list] tr:has(input[value="${id}"]) .status`)

  beforeAll(async () => {
    rt = await testRuntime('postgres')
    for (const m of MODULES) await m.prepare?.(rt)
    await seedKnowledge(rt)
    const ctx = systemCtx(rt)
    await createEntry({
      ctx,
      input: {
        id: 'new-trade-in',
        question: '旧手机可以以旧换新吗',
        similarQuestions: ['旧机能抵钱吗'],
        answer: '可以！旧手机估价后直接抵扣新机货款（以旧换新）。',
        status: 'draft',
        tags: ['新品季'],
      },
    })
    await createEntry({
      ctx,
      input: {
        id: 'new-preorder',
        question: '新品可以预约吗',
        similarQuestions: ['新款怎么预订'],
        answer: '新品开售前 7 天开放预约，预约成功会短信通知您。',
        status: 'draft',
        tags: ['新品季'],
      },
    })
    await createUser({ ctx, input: { username: 'wang', displayName: '王主管', role: 'supervisor', password: 'super-password-1' } })
    server = await serveForTest(rt, [...MODULES, panelModule, adminModule])
    browser = await launchBrowser()
    page = await staffPage(browser, server.url, 'wang', 'super-password-1', { width: 1280, height: 800 })
    page.on('dialog', (d) => void asked.push(d.message())) // staffPage accepts them; we read what was asked
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('publishes two drafts from the keyboard; the web chat then answers from them', async () => {
    await page.goto(`${server.url}/admin/knowledge?tag=${encodeURIComponent('新品季')}`)
    expect(await status(page, 'new-trade-in')).toContain('草稿')
    await page.focus('[data-testid=kb-all]')
    await page.keyboard.press('Space') // select the whole page
    expect(await page.textContent('[data-testid=kb-bulk-count]')).toContain('已选 2 条')
    await page.selectOption('[data-testid=kb-bulk-action]', 'publish')
    await page.focus('[data-testid=kb-bulk-apply]')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.textContent('[data-testid=kb-bulk-status]'), { timeout: 10_000 }).toContain('2 个条目已更新')
    expect(await status(page, 'new-trade-in')).toContain('已发布')
    expect(await status(page, 'new-preorder')).toContain('已发布')
    expect(asked).toEqual([]) // publishing is not destructive: no question asked

    const chat = await browser.newPage({ locale: 'zh-CN' })
    await chat.goto(`${server.url}/`)
    await chat.fill('textarea[name=text]', '旧手机可以以旧换新吗')
    await chat.press('textarea[name=text]', 'Enter')
    await expect.poll(() => chat.textContent('[data-testid=chat-log]'), { timeout: 10_000 }).toContain('估价后直接抵扣新机货款')
    await chat.close()
  })

  it('says what is missing, adds a tag, and asks before unpublishing and deleting', async () => {
    await page.goto(`${server.url}/admin/knowledge?tag=${encodeURIComponent('新品季')}`)
    await page.click('[data-testid=kb-bulk-apply]')
    expect(await page.textContent('[data-testid=kb-bulk-error]')).toContain('请先勾选至少一个条目')

    await page.check('input.kb-pick[value=new-preorder]')
    await page.selectOption('[data-testid=kb-bulk-action]', 'addTag')
    await page.click('[data-testid=kb-bulk-apply]')
    expect(await page.textContent('[data-testid=kb-bulk-tag] ~ .field-error')).toContain('必填')
    await page.fill('[data-testid=kb-bulk-tag]', '预约')
    await page.click('[data-testid=kb-bulk-apply]')
    await expect.poll(() => page.textContent('[data-testid=kb-bulk-status]'), { timeout: 10_000 }).toContain('1 个条目已更新')
    expect(await page.textContent('[data-testid=kb-list] tr:has(input[value=new-preorder])')).toContain('预约')

    await page.check('input.kb-pick[value=new-preorder]')
    await page.selectOption('[data-testid=kb-bulk-action]', 'unpublish')
    await page.click('[data-testid=kb-bulk-apply]')
    await expect.poll(() => status(page, 'new-preorder'), { timeout: 10_000 }).toContain('草稿')
    expect(asked.at(-1)).toContain('撤回为草稿')

    await page.check('input.kb-pick[value=new-preorder]')
    await page.selectOption('[data-testid=kb-bulk-action]', 'delete')
    await page.click('[data-testid=kb-bulk-apply]')
    await expect.poll(() => page.textContent('[data-testid=kb-bulk-status]'), { timeout: 10_000 }).toContain('已删除 1 个条目')
    expect(asked.at(-1)).toContain('确定删除所选的 1 个条目吗')
    expect(await page.locator('input.kb-pick[value=new-preorder]').count()).toBe(0)
    expect(await page.locator('input.kb-pick[value=new-trade-in]').count()).toBe(1)
  })
})
