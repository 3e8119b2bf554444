/**
 * Issue 18, done-when: two agents and a customer in chromium. A chat arrives, agent A takes
 * it and transfers it to agent B, who goes offline: the chat is requeued and the customer
 * told; A takes it back and closes it; the survey reaches the SAME open web chat, and after
 * a reload the agent's messages are still there.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminModule } from '../../admin/module.ts'
import { consoleModule } from '../../admin/console/module.ts'
import { webchatModule } from '../../adapters/webchat/module.ts'
import { systemCtx } from '../../bot/context.ts'
import { conversationsModule } from '../../bot/conversations/module.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { setSetting } from '../../bot/settings.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { ticketsModule } from '../../bot/tickets/module.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { RECORDER } from '../support/alertRecorder.ts'
import { launchBrowser } from '../support/browser.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime } from '../support/services.ts'

const log = '[data-testid=chat-log]'
// A shared, busy machine: give the pages time rather than the default second.
const poll = <T>(fn: () => T | Promise<T>, timeout = 10_000) => expect.poll(fn, { timeout })

async function openConsole(context: BrowserContext, base: string, username: string, password: string): Promise<Page> {
  const page = await context.newPage()
  page.on('dialog', (d) => void d.accept()) // "close this conversation?"
  await page.goto(`${base}/admin/inbox`)
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', password)
  await page.click('button[type=submit]')
  await page.waitForURL(`${base}/admin/inbox`)
  await poll(() => page.inputValue('[data-testid=presence]')).toBe('online')
  return page
}

/** Open the transfer dialog once the console has heard the colleague's presence (it lists what it knew when opened), and pick them. */
async function transferDialogWith(page: Page, label: string) {
  const options = '[data-testid=transfer-dialog] select[name=agent] option'
  await poll(async () => {
    await page.click('[data-testid=transfer]')
    const shown = (await page.locator(options).allTextContents()).includes(label)
    if (!shown) await page.click('[data-testid=transfer-dialog] button[value=cancel]')
    return shown
  }, 15_000).toBe(true)
  await page.selectOption('[data-testid=transfer-dialog] select[name=agent]', { label })
}

describe('people flow: transfer to an absent colleague, close, survey in the same chat', () => {
  let rt: Runtime
  let browser: Browser
  let server: { url: string; stop(): Promise<void> }
  beforeAll(async () => {
    rt = await testRuntime('postgres', { config: { SEED_DEMO: 'true' } })
    await knowledgeModule.prepare!(rt)
    await conversationsModule.prepare!(rt)
    await ticketsModule.prepare!(rt)
    await rt.jobs.start()
    await setSetting(rt.db, { type: 'system', name: 'test' }, 'surveys.delaySec', 2)
    await createUser({ ctx: systemCtx(rt), input: { username: 'lin', displayName: '林小姐', role: 'agent', password: 'agent-password-1' } })
    await createUser({ ctx: systemCtx(rt), input: { username: 'wang', displayName: '王先生', role: 'agent', password: 'agent-password-2' } })
    server = await serveForTest(rt, [knowledgeModule, conversationsModule, ticketsModule, webchatModule, consoleModule, adminModule])
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('requeues a chat its colleague left, and surveys the customer in the chat they have open', async () => {
    // Lin's browser allows notifications, and records what the console raises (tests/support/alertRecorder.ts).
    const linContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 800 } })
    await linContext.grantPermissions(['notifications'], { origin: server.url })
    await linContext.addInitScript(RECORDER)
    const lin = await openConsole(linContext, server.url, 'lin', 'agent-password-1')
    const wang = await openConsole(
      await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 800 } }),
      server.url,
      'wang',
      'agent-password-2',
    )
    const customer = await browser.newPage({ locale: 'zh-CN', viewport: { width: 480, height: 860 } })
    await customer.goto(`${server.url}/`)
    await poll(() => customer.getAttribute('[data-testid=chat-state]', 'data-state')).toBe('connected')

    // A chat arrives.
    await customer.fill('textarea[name=text]', '转人工')
    await customer.press('textarea[name=text]', 'Enter')
    await poll(() => customer.locator(`${log} li.msg-bot`).last().textContent()).toContain('正在为您转接人工客服')
    const item = lin.locator('[data-testid=conv-item]').first()
    await item.waitFor({ timeout: 10_000 })
    // The agent cannot miss it: a desktop notification, a chime and the tab's badge.
    await poll(() => lin.evaluate(() => (window as any).__notes as { title: string }[])).toEqual([expect.objectContaining({ title: '新客户等待接入' })])
    expect(await lin.evaluate(() => (window as any).__tones as number)).toBeGreaterThanOrEqual(2)
    await poll(() => lin.title()).toBe('(1) 会话 · 客服')

    // Agent A accepts and answers.
    await item.click()
    await lin.click('[data-testid=accept]')
    await poll(() => lin.textContent('[data-testid=conv-status]')).toContain('由 林小姐 处理')
    await lin.fill('[data-testid=reply]', '您好，我是林小姐，马上为您处理。')
    await lin.press('[data-testid=reply]', 'Enter')
    await poll(() => customer.locator(`${log} li.msg-agent`).last().textContent()).toContain('我是林小姐')

    // The transfer dialog says when the colleague picked is not online.
    await wang.selectOption('[data-testid=presence]', 'away')
    await transferDialogWith(lin, '王先生 · 离开')
    await poll(() => lin.textContent('[data-testid=transfer-absent]')).toContain('王先生现在不在线')
    await lin.click('[data-testid=transfer-dialog] button[value=cancel]')

    // Back online, B gets the transfer — then goes offline: the chat waits in the queue again and the customer is told.
    await wang.selectOption('[data-testid=presence]', 'online')
    await transferDialogWith(lin, '王先生 · 在线')
    expect(await lin.isHidden('[data-testid=transfer-absent]')).toBe(true)
    await lin.fill('[data-testid=transfer-dialog] textarea[name=note]', '物流问题，请跟进')
    await lin.click('[data-testid=transfer-dialog] button[value=ok]')
    await poll(() => lin.textContent('[data-testid=conv-status]')).toContain('王先生')
    await wang.selectOption('[data-testid=presence]', 'offline')
    await poll(() => customer.locator(`${log} li.msg-system`).last().textContent(), 15_000).toContain('已为您重新排队')
    await poll(() => lin.locator('[data-testid=accept]').count(), 15_000).toBe(1)

    // An agent takes it back and closes it.
    await lin.click('[data-testid=accept]')
    await poll(() => lin.textContent('[data-testid=conv-status]')).toContain('由 林小姐 处理')
    await lin.click('[data-testid=close]')
    await poll(() => customer.locator(`${log} li.msg`).last().textContent(), 15_000).toContain('本次会话已结束')

    // The survey arrives in the chat the customer has open, without a reload.
    await poll(() => customer.locator(`${log} li.msg`).last().textContent(), 30_000).toContain('打个分')
    expect(await customer.locator(`${log} li.msg-agent`).count()).toBeGreaterThan(0)

    // After a reload the agent's messages are still there, and the survey can be answered.
    await customer.reload()
    await poll(() => customer.getAttribute('[data-testid=chat-state]', 'data-state')).toBe('bot') // the survey's conversation
    await poll(() => customer.locator(`${log} li.msg-agent`).allTextContents()).toContainEqual(expect.stringContaining('我是林小姐'))
    expect(await customer.locator(`${log} li.msg`).last().textContent()).toContain('打个分')
    await customer.locator(`${log} li.msg`).last().locator('button.option', { hasText: '满意' }).first().click()
    await poll(() => customer.locator(`${log} li.msg`).last().textContent()).toContain('感谢您的评价')
  }, 180_000)
})
