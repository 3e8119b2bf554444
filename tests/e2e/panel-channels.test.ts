import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemCtx } from '../../bot/context.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { getSetting } from '../../bot/settings.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { adminModule } from '../../admin/module.ts'
import { panelModule } from '../../admin/panel/module.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { conversationsModule } from '../../bot/conversations/module.ts'
import { webchatModule } from '../../adapters/webchat/module.ts'
import { launchBrowser, staffPage } from '../support/browser.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime } from '../support/services.ts'

const MODULES = [knowledgeModule, conversationsModule, webchatModule]

describe('channel settings in a real browser', () => {
  let rt: Runtime
  let browser: Browser
  let server: { url: string; stop(): Promise<void> }
  let page: Page
  const asked: string[] = []

  beforeAll(async () => {
    rt = await testRuntime('postgres')
    for (const m of MODULES) await m.prepare?.(rt)
    await createUser({ ctx: systemCtx(rt), input: { username: 'wang', displayName: '王管理', role: 'admin', password: 'admin-password-1' } })
    server = await serveForTest(rt, [...MODULES, panelModule, adminModule])
    browser = await launchBrowser()
    page = await staffPage(browser, server.url, 'wang', 'admin-password-1', { width: 1280, height: 800 })
    page.on('dialog', (d) => void asked.push(d.message())) // staffPage accepts them; we read what was asked
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('changes the web chat title, welcome and colour; a fresh chat page shows them', async () => {
    await page.goto(`${server.url}/admin/settings`)
    const form = '[data-testid=channels-form]'
    await page.fill(`${form} input[name="webchat.title.zh"]`, '小店客服')
    await page.fill(`${form} textarea[name="webchat.greeting.zh"]`, '欢迎光临小店！下单、退换货都可以问我。')
    await page.fill('[data-testid=ch-accent]', '#ffee00')
    await page.click('[data-testid=save-channels]')
    expect(await page.textContent('[data-testid=ch-accent] ~ .field-error, label:has([data-testid=ch-accent]) .field-error')).toContain('颜色太浅')
    expect(await page.textContent(`${form} [role=alert]`)).toContain('请检查标出的字段')
    expect((await getSetting(rt.db, 'channels.webchat')).title.zh).toBe('') // nothing saved while a field is wrong

    await page.fill('[data-testid=ch-accent]', '#0b6bcb')
    await page.selectOption(`${form} select[name="telegram.handling"]`, 'people')
    await page.click('[data-testid=save-channels]')
    await expect.poll(() => page.textContent(`${form} [role=status]`)).toContain('设置已保存')
    expect(asked.at(-1)).toContain('Telegram') // turning the bot off on a channel asks first
    expect((await getSetting(rt.db, 'channels.telegram')).handling).toBe('people')

    const chat = await browser.newPage({ locale: 'zh-CN' })
    await chat.goto(`${server.url}/`)
    expect(await chat.textContent('[data-testid=chat-title]')).toBe('小店客服')
    expect(await chat.title()).toBe('小店客服')
    expect(await chat.textContent('[data-testid=chat-welcome]')).toContain('欢迎光临小店！')
    expect(await chat.$eval('.chat-head', (e) => getComputedStyle(e).backgroundColor)).toBe('rgb(11, 107, 203)')
    // The welcome stays first when the conversation's messages arrive.
    await chat.fill('textarea[name=text]', '你好')
    await chat.press('textarea[name=text]', 'Enter')
    await expect.poll(() => chat.locator('[data-testid=chat-log] li').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(3)
    expect(await chat.getAttribute('[data-testid=chat-log] li:first-child', 'data-testid')).toBe('chat-welcome')
    await chat.close()
  })
})
