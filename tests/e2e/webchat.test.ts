import { mkdirSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, Frame, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { systemCtx, withActor } from '../../bot/context.ts'
import { acceptConversation, closeConversation, sendAgentMessage } from '../../bot/handoff/agentActions.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { webchatModule } from '../../adapters/webchat/module.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { launchBrowser } from '../support/browser.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime } from '../support/services.ts'

const log = '[data-testid=chat-log]'
const lastBot = (page: Page | Frame) => page.locator(`${log} li.msg-bot`).last()

async function ask(page: Page | Frame, text: string) {
  await page.fill('textarea[name=text]', text)
  await page.press('textarea[name=text]', 'Enter')
}

describe('web chat in a real browser', () => {
  let rt: Runtime
  let browser: Browser
  let server: { url: string; stop(): Promise<void> }
  beforeAll(async () => {
    rt = await testRuntime('postgres', { config: { SEED_DEMO: 'true' } })
    await knowledgeModule.prepare!(rt)
    server = await serveForTest(rt, [knowledgeModule, webchatModule])
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop() // also closes the runtime
  })

  it('answers, clarifies with buttons, hands over to a person, streams the agent, and keeps history on reload', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 480, height: 860 } })
    await page.goto(`${server.url}/`)
    expect(await page.title()).toBe('在线客服')
    await expect.poll(() => page.getAttribute('[data-testid=chat-state]', 'data-state')).toBe('connected')

    await ask(page, '怎么退货')
    await expect.poll(() => lastBot(page).textContent()).toContain('申请无理由退货')

    // Something vague: the bot asks which one was meant; a button answers.
    await ask(page, '坏了')
    const option = page.locator(`${log} li[data-kind=clarify] button.option`, { hasText: '产品坏了怎么报修' })
    await option.click()
    await expect.poll(() => lastBot(page).textContent()).toContain('报修工单')
    expect(await option.isDisabled()).toBe(true) // an offer, once answered, cannot be pressed again

    await ask(page, '转人工')
    await expect.poll(() => lastBot(page).textContent()).toContain('正在为您转接人工客服')
    await expect.poll(() => page.textContent('[data-testid=chat-state]')).toContain('正在为您转接人工客服')

    // The agent's words arrive over the event stream, with nobody reloading.
    const conversationId = (await rt.db.query<{ id: number }>(`select id from conversations where status = 'waiting'`)).rows[0]!.id
    const user = await createUser({ ctx: systemCtx(rt), input: { username: 'lin', displayName: '林小姐', role: 'agent', password: 'agent-password-1' } })
    const agent = withActor(rt, { type: 'user', id: user.id, username: 'lin', role: 'agent' })
    await acceptConversation({ ctx: agent, id: conversationId })
    await sendAgentMessage({ ctx: agent, id: conversationId, text: '您好，我是林小姐，请把订单号发给我，我帮您办理退货。' })
    await expect.poll(() => page.locator(`${log} li.msg-agent`).last().textContent(), { timeout: 10_000 }).toContain('请把订单号发给我')
    await expect.poll(() => page.textContent('[data-testid=chat-state]')).toContain('人工客服为您服务中')
    expect(await page.locator('button.option', { hasText: '取消排队' }).isDisabled()).toBe(true)

    // Every message exactly once: the POST answers and the stream carried the same ones.
    const ids = await page.locator(`${log} li[data-id]`).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id))
    expect(new Set(ids).size).toBe(ids.length)
    mkdirSync('docs/screenshots', { recursive: true })
    await page.screenshot({ path: 'docs/screenshots/webchat.png' })

    await page.reload()
    await expect.poll(() => page.locator(`${log} li[data-id]`).count()).toBe(ids.length)
    expect(await page.locator(`${log} li.msg-customer`).first().textContent()).toContain('怎么退货')
    expect(await page.locator(`${log} li.msg-agent`).last().textContent()).toContain('林小姐')

    // Markup a customer (or an agent) types is shown as typed.
    await ask(page, '<b>加粗</b><img src=x onerror="window.pwned=1">')
    await expect.poll(() => page.locator(`${log} li.msg-customer`).last().textContent()).toContain('<b>加粗</b><img src=x')
    await sendAgentMessage({ ctx: agent, id: conversationId, text: '<a href="javascript:alert(1)">点这里</a>' })
    await expect.poll(() => page.locator(`${log} li.msg-agent`).last().textContent()).toContain('<a href="javascript:alert(1)">点这里</a>')
    expect(await page.locator(`${log} b, ${log} a, ${log} li.msg-customer img`).count()).toBe(0)
    expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined()
    const shown = await page.locator(`${log} li`).count()

    // Too long: the page says the limit before anything is sent.
    await page.fill('textarea[name=text]', '好'.repeat(2001))
    await expect.poll(() => page.textContent('[data-testid=chat-hint]')).toContain('2000 字以内')
    await page.press('textarea[name=text]', 'Enter')
    await page.fill('textarea[name=text]', '   ')
    await page.press('textarea[name=text]', 'Enter')
    await expect.poll(() => page.textContent('[data-testid=chat-hint]')).toContain('请输入您的问题')
    expect(await page.locator(`${log} li`).count()).toBe(shown)

    // The agent closes; the next question starts a new conversation, and the stream follows it.
    await closeConversation({ ctx: agent, id: conversationId })
    await expect.poll(() => page.textContent('[data-testid=chat-state]')).toContain('本次会话已结束')
    await ask(page, '人工客服')
    await expect.poll(() => page.locator(`${log} li[data-kind=queue]`).count()).toBe(2)
    const next = (await rt.db.query<{ id: number }>(`select id from conversations where status = 'waiting'`)).rows[0]!.id
    await acceptConversation({ ctx: agent, id: next })
    await expect.poll(() => page.locator(`${log} li.msg-system`).last().textContent()).toContain('客服 林小姐 已为您服务')

    // The network drops: the page says so, and what the agent wrote meanwhile arrives once it is back.
    await page.context().setOffline(true)
    await expect.poll(() => page.getAttribute('[data-testid=chat-state]', 'data-state')).toBe('reconnecting')
    await sendAgentMessage({ ctx: agent, id: next, text: '网络恢复后您会看到这条消息。' })
    await page.context().setOffline(false)
    await expect.poll(() => page.locator(`${log} li.msg-agent`).last().textContent(), { timeout: 15_000 }).toContain('网络恢复后')
    await expect.poll(() => page.getAttribute('[data-testid=chat-state]', 'data-state')).toBe('agent')
    await page.close()
  })

  it('adds a chat button to any site with one script tag, in English', async () => {
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1100, height: 800 } })
    // A shop on another origin that embeds us. It is a real server on loopback too:
    // Chromium refuses a page from a public (or unknown) address loading from 127.0.0.1.
    const html = `<!doctype html><h1>Shop</h1><script src="${server.url}/webchat/widget.js" data-lang="en"></script>`
    const shopServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html))
    await new Promise<void>((r) => shopServer.listen(0, '127.0.0.1', r))
    const shop = `http://localhost:${(shopServer.address() as AddressInfo).port}/`
    onTestFinished(() => void shopServer.close())
    await page.goto(shop)
    await page.click('[data-kefu-widget] >> text=Chat with us')
    const frame = page.frameLocator('[data-kefu-widget] >> iframe')
    await expect.poll(() => frame.locator('[data-testid=chat-state]').getAttribute('data-state')).toBe('connected')
    expect(await frame.locator('h1').textContent()).toBe('Online service')
    await frame.locator('textarea[name=text]').fill('How do I return an item?')
    await frame.locator('textarea[name=text]').press('Enter')
    await expect.poll(() => frame.locator(`${log} li.msg-bot`).last().textContent()).toContain('within 7 days')

    // The server stores the next message but the answer is lost on the way back: the widget
    // resends it under the same id, and the customer sees it, and its reply, once.
    let cut = 0
    await page.route('**/webchat/api/messages', async (route) => {
      if (cut++ > 0) return route.continue()
      await route.fetch()
      await route.abort('connectionreset')
    })
    await frame.locator('textarea[name=text]').fill('When will my order ship?')
    await frame.locator('textarea[name=text]').press('Enter')
    await expect.poll(() => frame.locator(`${log} li.msg-bot`).last().textContent()).toContain('ship the same day')
    await expect.poll(() => frame.locator(`${log} li.msg-customer[data-id]`, { hasText: 'When will my order ship?' }).count()).toBe(1)
    // The retry waits out the widget's first back-off (RETRY_DELAYS in browser/connection.ts), so
    // these two polls get more than vitest's 1 s default; on a loaded machine it ran out.
    await expect.poll(() => cut, { timeout: 5_000 }).toBe(2) // the stream showed the reply before the retry even went out
    await expect.poll(() => frame.locator(`${log} li.failed, ${log} li.pending`).count(), { timeout: 5_000 }).toBe(0)
    expect(await frame.locator(`${log} li.msg-bot`, { hasText: 'ship the same day' }).count()).toBe(1)
    expect(await frame.locator(`${log} li.msg-customer`, { hasText: 'When will my order ship?' }).count()).toBe(1)

    await frame.locator('[data-testid=chat-close]').click()
    await expect.poll(() => page.locator('[data-kefu-widget] >> iframe').isVisible()).toBe(false)
    await page.close()
  })
})
