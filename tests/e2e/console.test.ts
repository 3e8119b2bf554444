import { mkdirSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminModule } from '../../admin/module.ts'
import { consoleModule } from '../../admin/console/module.ts'
import { systemCtx } from '../../bot/context.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { handleInbound } from '../../bot/turn/handleInbound.ts'
import { announceStatus } from '../../bot/conversations/announce.ts'
import { launchBrowser } from '../support/browser.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime } from '../support/services.ts'

/** Log a staff member in through the login form and open the console. */
async function openConsole(context: BrowserContext, base: string, username: string, password: string): Promise<Page> {
  const page = await context.newPage()
  await page.goto(`${base}/admin/inbox`)
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', password)
  await page.click('button[type=submit]')
  await page.waitForURL(`${base}/admin/inbox`)
  await expect.poll(() => page.inputValue('[data-testid=presence]')).toBe('online')
  return page
}

describe('agent console in a real browser', () => {
  let rt: Runtime
  let browser: Browser
  let server: { url: string; stop(): Promise<void> }
  let linId: number
  const say = (n: number, text: string) =>
    handleInbound({ ctx: systemCtx(rt), input: { channel: 'webchat', externalUserId: 'v1', channelMessageId: `m${n}`, text, displayName: '张先生' } })

  beforeAll(async () => {
    rt = await testRuntime('postgres')
    linId = (await createUser({ ctx: systemCtx(rt), input: { username: 'lin', displayName: '林小姐', role: 'agent', password: 'agent-password-1' } })).id
    await createUser({ ctx: systemCtx(rt), input: { username: 'wang', displayName: '王先生', role: 'agent', password: 'agent-password-2' } })
    await createUser({ ctx: systemCtx(rt), input: { username: 'zhou', displayName: '周主管', role: 'supervisor', password: 'super-password-1' } })
    server = await serveForTest(rt, [consoleModule, adminModule])
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('shows a new hand-off live, lets one agent take it, and tells the other it is taken', async () => {
    const lin = await openConsole(await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 800 } }), server.url, 'lin', 'agent-password-1')
    await lin.evaluate(() => ((window as any).notReloaded = true))
    expect(await lin.textContent('[data-testid=conv-list]')).toContain('这里暂时没有会话')

    await say(1, '我的订单三天了还没发货')
    const { conversationId: id } = await say(2, '转人工')
    const item = lin.locator(`[data-testid=conv-item][data-id="${id}"]`)
    await item.waitFor({ timeout: 10_000 }) // arrives over the event stream
    expect(await lin.evaluate(() => (window as any).notReloaded)).toBe(true)
    expect(await item.textContent()).toContain('张先生')

    const wang = await openConsole(await browser.newContext({ locale: 'zh-CN' }), server.url, 'wang', 'agent-password-2')
    await wang.click(`[data-testid=conv-item][data-id="${id}"]`)
    await wang.locator('[data-testid=accept]').waitFor()

    await item.click()
    expect(await lin.textContent('[data-testid=handoff-summary]')).toContain('我的订单三天了还没发货')
    await lin.click('[data-testid=accept]')
    await expect.poll(() => lin.textContent('[data-testid=conv-status]')).toContain('由 林小姐 处理')

    // The other agent's open view and queue update by themselves.
    await expect.poll(() => wang.textContent('[data-testid=conv-status]')).toContain('由 林小姐 处理')
    expect(await wang.locator('[data-testid=accept]').count()).toBe(0)
    await expect.poll(() => wang.locator(`[data-testid=conv-list] [data-id="${id}"]`).count()).toBe(0)
    // Writing into it anyway is refused with the reason, in the agent's language.
    await wang.fill('[data-testid=reply]', '我来吧')
    await wang.press('[data-testid=reply]', 'Enter')
    await expect.poll(() => wang.textContent('[data-testid=refused]')).toContain('林小姐 已经接入了这个会话')

    await lin.fill('[data-testid=reply]', '您好，我是林小姐，马上为您查询订单。')
    await lin.press('[data-testid=reply]', 'Enter')
    await expect
      .poll(async () => (await rt.db.query(`select sender_id, text from messages where conversation_id = $1 and sender_type = 'agent'`, [id])).rows)
      .toEqual([{ sender_id: String(linId), text: '您好，我是林小姐，马上为您查询订单。' }])
    await expect.poll(() => lin.locator('[data-testid=message].agent').count()).toBe(1)

    // Customer text is text: markup arrives live and is shown, never run.
    const hostile = '<img src=x onerror="window.pwned=1"><b>谢谢</b>'
    await say(3, hostile)
    await expect.poll(() => lin.locator('[data-testid=message].customer .text').last().textContent()).toBe(hostile)
    expect(await lin.locator('[data-testid=messages] img, [data-testid=messages] b').count()).toBe(0)
    expect(await lin.evaluate(() => (window as any).pwned)).toBeUndefined()

    await lin.check('[data-testid=private]')
    await lin.fill('[data-testid=reply]', '客户第二次催单，今天内必须回复')
    // A live update re-draws the conversation while the note is being written: the draft
    // AND its "private" tick must survive, or the note would go to the customer.
    await lin.evaluate(() => document.querySelector('[data-testid=reply-form]')!.setAttribute('data-old', '1'))
    await announceStatus(systemCtx(rt), { id, status: 'agent', assigneeId: linId })
    await expect.poll(() => lin.locator('[data-testid=reply-form][data-old]').count(), { timeout: 5000 }).toBe(0)
    expect(await lin.isChecked('[data-testid=private]')).toBe(true)
    expect(await lin.inputValue('[data-testid=reply]')).toBe('客户第二次催单，今天内必须回复')
    await lin.click('[data-testid=send]')
    // The note arrives over the event stream and a re-fetch; on a loaded machine that can take longer than the 1 s default.
    await expect.poll(() => lin.locator('[data-testid=message].private').count(), { timeout: 5000 }).toBe(1)
    expect(
      (await rt.db.query(`select is_private from messages where conversation_id = $1 and text = $2`, [id, '客户第二次催单，今天内必须回复'])).rows,
    ).toEqual([{ is_private: true }])

    mkdirSync('docs/screenshots', { recursive: true })
    await lin.screenshot({ path: 'docs/screenshots/console.png' })
  })

  it('lets a supervisor add a canned response that an agent sends with /shortcut and Tab', async () => {
    const zhou = await openConsole(await browser.newContext({ locale: 'zh-CN' }), server.url, 'zhou', 'super-password-1')
    await zhou.goto(`${server.url}/admin/canned`)
    await zhou.fill('input[name=shortcut]', 'hello')
    await zhou.fill('textarea[name=text]', '您好，很高兴为您服务！')
    await zhou.click('[data-testid=canned-form] button[type=submit]')
    await expect.poll(() => zhou.textContent('[data-testid=canned-list]').catch(() => '')).toContain('/hello')

    const { conversationId: id } = await handleInbound({
      ctx: systemCtx(rt),
      input: { channel: 'webchat', externalUserId: 'v2', channelMessageId: 'v2-1', text: '人工' },
    })
    const lin = await openConsole(await browser.newContext({ locale: 'zh-CN' }), server.url, 'lin', 'agent-password-1')
    await lin.click(`[data-testid=conv-item][data-id="${id}"]`)
    await lin.click('[data-testid=accept]')
    await lin.locator('[data-testid=return]').waitFor()
    await lin.fill('[data-testid=reply]', '/he')
    await lin.press('[data-testid=reply]', 'Tab')
    expect(await lin.inputValue('[data-testid=reply]')).toBe('/hello')
    await lin.press('[data-testid=reply]', 'Enter')
    await expect.poll(() => lin.locator('[data-testid=message].agent .text').last().textContent()).toBe('您好，很高兴为您服务！')
  })
})
