// The end-to-end journey, in two browsers: a customer on the web chat and an agent
// in the console, on one server with the demo knowledge base.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminModule } from '../../admin/module.ts'
import { consoleModule } from '../../admin/console/module.ts'
import { webchatModule } from '../../adapters/webchat/module.ts'
import { systemCtx } from '../../bot/context.ts'
import { conversationsModule } from '../../bot/conversations/module.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { launchBrowser } from '../support/browser.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime } from '../support/services.ts'
import { seedKnowledge } from '../support/knowledge.ts'

describe('customer ↔ agent journey across web chat and console', () => {
  let rt: Runtime
  let browser: Browser
  let server: { url: string; stop(): Promise<void> }

  beforeAll(async () => {
    rt = await testRuntime('postgres')
    await knowledgeModule.prepare!(rt)
    await conversationsModule.prepare!(rt)
    expect(await seedKnowledge(rt)).toBeGreaterThan(30)
    await rt.jobs.start()
    await createUser({ ctx: systemCtx(rt), input: { username: 'lin', displayName: '林小姐', role: 'agent', password: 'agent-password-1' } })
    server = await serveForTest(rt, [knowledgeModule, conversationsModule, webchatModule, consoleModule, adminModule])
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  const ask = async (customer: Page, text: string) => {
    await customer.fill('[data-testid=chat-form] textarea', text)
    await customer.click('[data-testid=chat-form] button[type=submit]')
  }
  const lastFrom = (customer: Page, from: string) => customer.locator(`[data-testid=chat-log] .msg-${from}`).last().textContent()

  it('answers a FAQ, hands over to a person live, and takes the customer back', async () => {
    const customer = await (await browser.newContext({ locale: 'zh-CN' })).newPage()
    await customer.goto(`${server.url}/`)
    await ask(customer, '如何退货')
    await expect.poll(() => lastFrom(customer, 'bot'), { timeout: 10_000 }).toContain('7 天内')

    const agent = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 800 } })).newPage()
    await agent.goto(`${server.url}/admin/inbox`)
    await agent.fill('input[name=username]', 'lin')
    await agent.fill('input[name=password]', 'agent-password-1')
    await agent.click('button[type=submit]')
    await agent.waitForURL(`${server.url}/admin/inbox`)
    await expect.poll(() => agent.inputValue('[data-testid=presence]')).toBe('online')

    await ask(customer, '转人工')
    const item = agent.locator('[data-testid=conv-item]').first()
    await item.waitFor({ timeout: 10_000 }) // live, without a reload
    await item.click()
    expect(await agent.textContent('[data-testid=handoff-summary]')).toContain('如何退货')
    await agent.click('[data-testid=accept]')
    await agent.fill('[data-testid=reply]', '您好，我是林小姐，请问订单号是多少？')
    await agent.press('[data-testid=reply]', 'Enter')
    await expect.poll(() => lastFrom(customer, 'agent'), { timeout: 10_000 }).toContain('请问订单号是多少')

    await agent.click('[data-testid=return]')
    await expect.poll(() => agent.textContent('[data-testid=conv-status]')).toContain('机器人接待')
    await ask(customer, '怎么开发票')
    await expect.poll(() => lastFrom(customer, 'bot'), { timeout: 10_000 }).toContain('电子普通发票')
  })
})
