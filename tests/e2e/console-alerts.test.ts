// Issue 18, item 4: an agent misses nothing. In a real browser: a new waiting chat rings (WebAudio),
// raises a desktop notification (permission granted to the context; the page's `new Notification`
// calls are recorded by an init script), puts "(n)" in the tab title, shows how long the customer
// has waited; a message in another of my conversations is an unread marker that survives a reload
// (read state is the server's) and goes when opened; the landing page says customers are waiting;
// SLA and long-wait warnings show in the console; keyboard shortcuts work and "?" lists them.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consoleModule } from '../../admin/console/module.ts'
import { adminModule } from '../../admin/module.ts'
import { ManualClock } from '../../bot/clock.ts'
import { systemCtx, withActor } from '../../bot/context.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { handleInbound } from '../../bot/turn/handleInbound.ts'
import { setSetting } from '../../bot/settings.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { createTicket } from '../../bot/tickets/createTicket.ts'
import { launchBrowser } from '../support/browser.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime } from '../support/services.ts'
import { RECORDER } from '../support/alertRecorder.ts'

describe('console alerting in a real browser', () => {
  let rt: Runtime
  let browser: Browser
  let server: { url: string; stop(): Promise<void> }
  let linId: number
  const clock = new ManualClock()
  let n = 0
  /** A web chat visitor with a name, writing through the real turn. */
  const customer = (name: string) => ({
    say: (text: string) =>
      handleInbound({ ctx: systemCtx(rt), input: { channel: 'webchat', externalUserId: name, channelMessageId: `m${++n}`, text, displayName: name } }),
  })

  beforeAll(async () => {
    rt = await testRuntime('postgres', { clock })
    linId = (await createUser({ ctx: systemCtx(rt), input: { username: 'lin', displayName: '林小姐', role: 'agent', password: 'agent-password-1' } })).id
    server = await serveForTest(rt, [consoleModule, adminModule])
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  async function console(): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 800 } })
    await context.grantPermissions(['notifications'], { origin: server.url })
    await context.addInitScript(RECORDER)
    const page = await context.newPage()
    await page.goto(`${server.url}/admin/inbox`)
    await page.fill('input[name=username]', 'lin')
    await page.fill('input[name=password]', 'agent-password-1')
    await page.click('button[type=submit]')
    await page.waitForURL(`${server.url}/admin/inbox`)
    await poll(() => page.inputValue('[data-testid=presence]')).toBe('online')
    return page
  }
  // Events cross the bus, a re-fetch and a redraw; a loaded machine needs more than poll's 1 s.
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 8000 })
  const notes = (p: Page) => p.evaluate(() => (window as any).__notes as { title: string; body: string }[])
  const tones = (p: Page) => p.evaluate(() => (window as any).__tones as number)

  it('rings, notifies, badges the title and shows the wait when a customer starts waiting', async () => {
    const lin = await console()
    expect(await lin.title()).toBe('会话 · 客服')
    expect(await lin.locator('[data-testid=notify-ask]').count()).toBe(0) // already granted: nothing to ask
    await lin.waitForTimeout(300) // the first look at the (empty) queue is made

    const a = customer('visitor-a')
    await a.say('我的快递一直没到')
    const { conversationId: idA } = await a.say('转人工')
    await lin.locator(`[data-testid=conv-item][data-id="${idA}"]`).waitFor({ timeout: 10_000 })
    await poll(() => lin.title()).toBe('(1) 会话 · 客服')
    await poll(() => notes(lin)).toEqual([{ title: '新客户等待接入', body: expect.stringContaining('visitor-a') }])
    expect(await tones(lin)).toBeGreaterThanOrEqual(2) // one chime: two notes
    expect(await lin.textContent(`[data-id="${idA}"] [data-testid=wait]`)).toMatch(/^等待 \d+ 秒$/)

    // The landing page says so too, with the way in.
    const home = await lin.context().newPage()
    await home.goto(`${server.url}/admin`)
    expect(await home.textContent('[data-testid=waiting-link]')).toContain('1 位客户正在等待')
    expect(await home.getAttribute('[data-testid=waiting-link]', 'href')).toBe('/admin/inbox')
    await home.close()

    // "a" accepts the longest-waiting customer; "?" shows the keys, Esc hides them.
    await lin.keyboard.press('a')
    await poll(() => lin.textContent('[data-testid=conv-status]')).toContain('由 林小姐 处理')
    await poll(() => lin.title()).toBe('会话 · 客服')
    await lin.keyboard.press('?')
    expect(await lin.locator('[data-testid=keys-help]').isVisible()).toBe(true)
    expect(await lin.textContent('[data-testid=keys-help]')).toContain('接入下一位等待的客户')
    await lin.keyboard.press('Escape')
    expect(await lin.locator('[data-testid=keys-help]').isVisible()).toBe(false)

    // A second customer waits while I look at A; A then writes: unread on A, a message notification.
    const b = customer('visitor-b')
    const { conversationId: idB } = await b.say('人工')
    await poll(() => lin.title()).toBe('(1) 会话 · 客服')
    await lin.click('[data-testid=tab-queue]')
    await lin.click(`[data-testid=conv-item][data-id="${idB}"]`)
    await lin.click('[data-testid=tab-mine]')
    await a.say('请问还在吗？')
    const markA = lin.locator(`[data-testid=conv-item][data-id="${idA}"] [data-testid=unread]`)
    await poll(() => markA.textContent().catch(() => null)).toBe('1')
    await poll(() => lin.title()).toBe('(2) 会话 · 客服')
    await poll(async () => (await notes(lin)).at(-1)).toEqual({ title: 'visitor-a 发来新消息', body: '请问还在吗？' })

    // Read state is the server's: the marker is still there after a reload, and gone once opened.
    await lin.reload()
    await lin.click('[data-testid=tab-mine]')
    await poll(() => markA.textContent().catch(() => null)).toBe('1')
    await lin.keyboard.press('j') // the next conversation in the list: A
    await poll(() => lin.textContent('[data-testid=conv-status]')).toContain('由 林小姐 处理')
    await poll(() => markA.count()).toBe(0)
    // The marker goes as soon as the page has drawn the conversation; the read is stored by the
    // request that follows, so wait for it rather than racing it.
    const newest = await rt.db.query<any>('select max(id) as id from messages where conversation_id = $1', [idA])
    const readUpTo = async () =>
      (await rt.db.query<any>('select last_read_message_id from conversation_reads where user_id = $1 and conversation_id = $2', [linId, idA])).rows[0]
        ?.last_read_message_id ?? null
    await poll(readUpTo).toBe(newest.rows[0].id)
    await lin.reload()
    await lin.click('[data-testid=tab-mine]')
    await lin.locator(`[data-testid=conv-item][data-id="${idA}"]`).waitFor()
    expect(await markA.count()).toBe(0)
  })

  it('warns in the console about a customer waiting too long and a ticket past its SLA', async () => {
    await setSetting(rt.db, { type: 'system', name: 'test' }, 'handoff.waitTimeoutSec', 60)
    const c = customer('visitor-c')
    const { conversationId } = await c.say('转人工')
    const agent = withActor(rt, { type: 'user', id: linId, username: 'lin', role: 'agent' })
    const customerId = (await rt.db.query<any>('select customer_id from conversations where id = $1', [conversationId])).rows[0].customer_id
    const ticket = await createTicket({ ctx: agent, input: { customerId, type: 'complaint', priority: 'urgent', subject: '安装师傅没来' } })
    clock.set(new Date(Math.max(Date.now(), ticket.firstResponseDueAt!.getTime()) + 60_000))

    const lin = await console()
    const waits = lin.locator('[data-testid=alert-waits]')
    await waits.waitFor({ timeout: 10_000 })
    expect(await waits.textContent()).toContain('visitor-c 已等待')
    expect(await lin.getAttribute('[data-testid=alert-waits]', 'class')).toContain('over')
    expect(await lin.textContent('[data-testid=alert-tickets]')).toContain(`${ticket.number} 已超时（首次响应）`)
    await lin.click('[data-testid=alert-waits] button')
    await poll(() => lin.locator('[data-testid=accept]').count()).toBe(1)

    const home = await lin.context().newPage()
    await home.goto(`${server.url}/admin`)
    expect(await home.textContent('[data-testid=waiting-card]')).toContain('其中 2 位已等待过久') // visitor-b from the first test, and visitor-c
    expect(await home.textContent('[data-testid=waiting-card]')).toContain('1 个工单即将或已经超时')
  })
})
