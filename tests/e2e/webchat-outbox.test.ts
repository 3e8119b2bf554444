// A web chat message typed during an outage is not lost: it is kept in localStorage under its
// client id, shown as not sent yet, survives a reload, and goes as soon as the connection is
// back — when the browser is online again, or the event stream is ready again — not at the
// next back-off step; the server stores it once (its client id), and the bot's reply shows.
// The outage is real: a TCP relay in front of the server is cut (connections reset, new ones
// refused). A reload during the outage gets the page and its scripts as a browser cache would
// (recorded on the first load); every API call goes to the cut server.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { webchatModule } from '../../adapters/webchat/module.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { launchBrowser } from '../support/browser.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime } from '../support/services.ts'
import { tcpProxy, type TcpProxy } from '../support/tcpProxy.ts'

const log = '[data-testid=chat-log]'
const state = (page: Page) => page.getAttribute('[data-testid=chat-state]', 'data-state')

async function ask(page: Page, text: string) {
  await page.fill('textarea[name=text]', text)
  await page.press('textarea[name=text]', 'Enter')
}

describe('web chat outbox across an outage', () => {
  let rt: Runtime
  let browser: Browser
  let server: { url: string; stop(): Promise<void> }
  let proxy: TcpProxy
  let base = ''

  beforeAll(async () => {
    rt = await testRuntime('postgres', { config: { SEED_DEMO: 'true' } })
    await knowledgeModule.prepare!(rt)
    server = await serveForTest(rt, [knowledgeModule, webchatModule])
    proxy = await tcpProxy({ host: '127.0.0.1', port: Number(new URL(server.url).port) })
    base = `http://127.0.0.1:${proxy.port}`
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await proxy?.close()
    await server?.stop()
  })

  const stored = async (text: string) =>
    Number((await rt.db.query<any>(`select count(*) as n from messages where direction = 'in' and text = $1`, [text])).rows[0].n)
  const kept = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem('kefu.webchat.outbox') ?? '[]') as { id: string; text: string }[])

  let up = true
  const isApi = (url: URL) => url.pathname.startsWith('/webchat/api/')

  /** The page and its scripts as the browser got them, answered from memory while the server is down. */
  async function cacheThePage(context: BrowserContext) {
    const copies = new Map<string, { status: number; headers: Record<string, string>; body: Buffer }>()
    context.on('response', async (res) => {
      if (isApi(new URL(res.url()))) return
      const body = await res.body().catch(() => null)
      const { 'content-encoding': _e, 'content-length': _l, ...headers } = res.headers()
      if (body) copies.set(res.url(), { status: res.status(), headers, body })
    })
    // API calls are never intercepted: they go to the server, or find it gone.
    await context.route(
      (url) => !isApi(url),
      (route) => {
        const copy = copies.get(route.request().url())
        return !up && copy ? route.fulfill(copy) : route.continue()
      },
    )
  }

  it('keeps a message typed while the server is down through a reload, and sends it once when the browser is back online', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 480, height: 860 } })
    await cacheThePage(context)
    const page = await context.newPage()
    await page.goto(`${base}/`)
    await expect.poll(() => state(page)).toBe('connected')

    await proxy.cut()
    up = false
    await ask(page, '怎么退货')
    const mine = page.locator(`${log} li.msg-customer`, { hasText: '怎么退货' })
    await expect.poll(() => mine.count()).toBe(1)
    await expect.poll(async () => (await kept(page)).map((m) => m.text)).toEqual(['怎么退货'])

    await page.reload()
    // After the reload, still there and marked as not sent yet; the server has nothing.
    await expect.poll(() => page.locator(`${log} li.failed`, { hasText: '怎么退货' }).count()).toBe(1)
    expect(await page.textContent(`${log} li.failed .note`)).toContain('网络恢复后会自动发送')
    expect(await stored('怎么退货')).toBe(0)

    // The network drops too, the server comes back meanwhile, then the network returns.
    await context.setOffline(true)
    await proxy.restore()
    up = true
    const back = Date.now()
    await context.setOffline(false)
    await expect.poll(() => stored('怎么退货'), { timeout: 10_000 }).toBe(1)
    // The chat page's start-up back-off is at 4–8 s by now: the 'online' event sent it.
    expect(Date.now() - back).toBeLessThan(4000)
    await expect.poll(() => page.locator(`${log} li.msg-bot`).last().textContent()).toContain('申请无理由退货')
    expect(await page.locator(`${log} li.pending, ${log} li.failed`).count()).toBe(0)
    expect(await kept(page)).toEqual([])

    // Once more from the server: the message shows once, and nothing is resent.
    await page.reload()
    // Connected again; with a conversation under way the line shows its status (bot, waiting…).
    await expect.poll(() => state(page)).toMatch(/^(connected|bot|waiting|agent)$/)
    await expect.poll(() => page.locator(`${log} li.msg-customer`, { hasText: '怎么退货' }).count()).toBe(1)
    expect(await stored('怎么退货')).toBe(1)
    await context.close()
  })

  it('sends a kept message as soon as the event stream is back, not at the next back-off step', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 480, height: 860 } })
    const page = await context.newPage()
    await page.goto(`${base}/`)
    await expect.poll(() => state(page)).toBe('connected')
    const attempts: number[] = []
    page.on('requestfailed', (r) => void (r.url().endsWith('/webchat/api/messages') && attempts.push(Date.now())))

    await proxy.cut()
    await ask(page, '运费怎么算')
    // Tries at 0, 1, 3 and 7 s; the next back-off step would come 8 s after the fourth.
    await expect.poll(() => attempts.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(4)
    await proxy.restore()
    const back = Date.now()
    await expect.poll(() => stored('运费怎么算'), { timeout: 15_000 }).toBe(1)
    expect(Date.now() - back).toBeLessThan(6000) // the stream's reconnect (every 2 s) woke it
    await expect.poll(() => page.locator(`${log} li.msg-bot`).count()).toBeGreaterThan(0)
    expect(await page.locator(`${log} li.pending, ${log} li.failed`).count()).toBe(0)
    expect(await stored('运费怎么算')).toBe(1)
    await context.close()
  })
})
