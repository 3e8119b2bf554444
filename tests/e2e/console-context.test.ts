// The agent sees what already happened and the profile drives service (issue 18, items 3
// and 9), in Chromium: a WeChat customer complains (a complaint ticket in the chat), then
// asks for a person. The agent sees them by a readable name, the reason 投诉 and the
// complaint ticket of this chat; edits the profile (a bad email is refused beside the field,
// full-width phone digits are normalised), makes them VIP, opens a ticket from the
// conversation and labels it.
import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminModule } from '../../admin/module.ts'
import { consoleModule } from '../../admin/console/module.ts'
import { systemCtx } from '../../bot/context.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { ticketsModule } from '../../bot/tickets/module.ts'
import { TICKET_NUMBER } from '../../bot/tickets/types.ts'
import { launchBrowser, staffPage } from '../support/browser.ts'
import { customer } from '../support/customers.ts'
import { handleInbound } from '../../bot/turn/handleInbound.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime } from '../support/services.ts'

describe('the conversation view’s side panel in a real browser', () => {
  let rt: Runtime
  let browser: Browser
  let server: { url: string; stop(): Promise<void> }

  beforeAll(async () => {
    rt = await testRuntime('postgres')
    await createUser({ ctx: systemCtx(rt), input: { username: 'mei', displayName: '梅小姐', role: 'agent', password: 'agent-password-3' } })
    await createUser({ ctx: systemCtx(rt), input: { username: 'qian', displayName: '钱主管', role: 'supervisor', password: 'super-password-3' } })
    server = await serveForTest(rt, [ticketsModule, consoleModule, adminModule])
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('shows the customer by name, the complaint ticket of this chat, edits the tier to VIP and opens a ticket from the conversation', async () => {
    const c = customer(rt, 'wx-openid-e2e', 'wechat')
    await c.say('你们的安装师傅态度太差了，我要投诉！！！')
    await c.say('2')
    const made = await c.say('师傅迟到了两个小时，还对我很不耐烦。')
    const complaint = made.replies[0]!.text.match(TICKET_NUMBER)![0]
    await c.say('另外我家洗衣机也漏水了')
    const { conversationId: id } = await c.say('转人工')
    const customerId = (await rt.db.query<any>('select customer_id from conversations where id = $1', [id])).rows[0].customer_id as string

    const page: Page = await staffPage(browser, server.url, 'mei', 'agent-password-3', { width: 1440, height: 900 })
    await page.goto(`${server.url}/admin/inbox`)
    const item = page.locator(`[data-testid=conv-item][data-id="${id}"]`)
    await item.waitFor()
    expect(await item.textContent()).toContain(`微信客户 ·${customerId.slice(-4)}`)
    await item.click()
    await expect.poll(() => page.textContent('[data-testid=customer-name]')).toContain(`微信客户 ·${customerId.slice(-4)}`)
    expect(await page.textContent('[data-testid=handoff-reason]')).toBe('原因：投诉')
    const thisChat = page.locator('[data-testid=tickets-this-chat]')
    expect(await thisChat.textContent()).toMatch(new RegExp(`${complaint}[\\s\\S]*投诉[\\s\\S]*新建`))
    expect(await page.textContent('[data-testid=handoff-summary]')).toContain('另外我家洗衣机也漏水了')
    await page.click('[data-testid=accept]')
    await expect.poll(() => page.textContent('[data-testid=conv-status]')).toContain('由 梅小姐 处理')

    // The profile: a bad email is refused beside its field, in Chinese, and nothing is saved.
    await page.click('[data-testid=edit-profile]')
    await page.fill('[data-testid=profile-name]', '陈女士')
    await page.fill('[data-testid=profile-phone]', '１３９ ００００ １１１１')
    await page.fill('[data-testid=profile-email]', 'chen@')
    await page.selectOption('[data-testid=profile-tier]', 'vip')
    await page.click('[data-testid=profile-dialog-submit]')
    await expect.poll(() => page.textContent('[data-testid=profile-dialog]')).toContain('邮箱格式不对')
    expect((await rt.db.query<any>('select name, tier from customers where id = $1', [customerId])).rows[0]).toEqual({ name: null, tier: 'standard' })
    await page.fill('[data-testid=profile-email]', 'Chen@Example.com')
    await page.click('[data-testid=profile-dialog-submit]')
    await page.locator('[data-testid=profile-dialog]').waitFor({ state: 'detached' })
    await expect.poll(() => page.textContent('[data-testid=customer-name]')).toBe('陈女士VIP')
    expect(await page.textContent('[data-testid=profile-phone-value]')).toBe('13900001111')
    expect(await page.textContent('[data-testid=profile-tier-value]')).toBe('VIP')
    expect((await rt.db.query<any>('select tier, phone, email from customers where id = $1', [customerId])).rows[0]).toEqual({
      tier: 'vip',
      phone: '13900001111',
      email: 'Chen@example.com',
    })
    expect((await rt.db.query(`select 1 from audit_events where action = 'customer.updated' and subject_id = $1`, [customerId])).rows).toHaveLength(1)

    // A ticket from the conversation, prefilled from the chat.
    await page.click('[data-testid=new-ticket]')
    expect(await page.inputValue('[data-testid=ticket-type]')).toBe('complaint')
    expect(await page.inputValue('[data-testid=ticket-description]')).toContain('另外我家洗衣机也漏水了')
    await page.selectOption('[data-testid=ticket-type]', 'repair')
    await page.fill('[data-testid=ticket-subject]', '洗衣机漏水')
    await page.click('[data-testid=ticket-dialog-submit]')
    await expect.poll(() => page.textContent('[data-testid=side-status]').catch(() => '')).toMatch(/已创建工单 T\d{8}-\d{4}/)
    const repair = (await rt.db.query<any>(`select number, conversation_id, priority from tickets where type = 'repair' and customer_id = $1`, [customerId]))
      .rows
    expect(repair).toEqual([{ number: expect.any(String), conversation_id: id, priority: 'high' }]) // VIP: one step up
    await expect.poll(() => thisChat.textContent()).toContain(repair[0].number)
    expect(await thisChat.textContent()).toContain('报修')

    await page.fill('[data-testid=label-input]', '#回访')
    await page.press('[data-testid=label-input]', 'Enter')
    await expect.poll(() => page.textContent('[data-testid=labels]')).toContain('回访')

    mkdirSync('docs/screenshots', { recursive: true })
    await page.screenshot({ path: 'docs/screenshots/console-context.png' })
  })

  it('lets a supervisor merge the same person’s Telegram record into their WeChat one, after a confirmation', async () => {
    const say = (channel: 'wechat' | 'telegram', user: string, n: number, text: string, displayName?: string) =>
      handleInbound({ ctx: systemCtx(rt), input: { channel, externalUserId: user, channelMessageId: `${user}-${n}`, text, displayName } })
    await say('telegram', 'tg-4242', 1, '我的快递到哪了', 'Zhao Lei')
    await say('wechat', 'wx-zhao', 1, '你好')
    const { conversationId: id } = await say('wechat', 'wx-zhao', 2, '转人工')

    const page: Page = await staffPage(browser, server.url, 'qian', 'super-password-3', { width: 1440, height: 900 })
    let confirmed = ''
    page.on('dialog', (d) => void (confirmed = d.message()))
    await page.goto(`${server.url}/admin/inbox#c${id}`)
    await page.click('[data-testid=merge-customer]')
    await page.fill('[data-testid=merge-query]', 'zhao')
    await page.click('[data-testid=merge-dialog-submit]')
    await page.locator('[data-testid=merge-pick]').click()
    await expect.poll(() => page.textContent('[data-testid=side-status]').catch(() => '')).toContain('已合并：1 个渠道身份、1 个会话')
    expect(confirmed).toMatch(/确定把「Zhao Lei」合并到「微信客户 ·\w{4}」吗？此操作无法撤销。/)
    expect(await page.textContent('[data-testid=history]')).toContain('telegram')
    // The next Telegram message lands with the WeChat customer.
    const next = await say('telegram', 'tg-4242', 2, '还在吗')
    const owners = await rt.db.query<any>('select distinct customer_id from conversations where id = any($1)', [[id, next.conversationId]])
    expect(owners.rows).toHaveLength(1)
  })
})
