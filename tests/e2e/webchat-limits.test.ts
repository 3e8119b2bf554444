import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../bot/runtime.ts'
import { createWebchatModule } from '../../adapters/webchat/module.ts'
import { launchBrowser } from '../support/browser.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime } from '../support/services.ts'

const log = '[data-testid=chat-log]'
const box = 'textarea[name=text]'

async function open(browser: Browser, url: string, locale: string) {
  const page = await browser.newPage({ locale, viewport: { width: 480, height: 800 } })
  await page.goto(`${url}/`)
  await expect.poll(() => page.getAttribute('[data-testid=chat-state]', 'data-state')).toBe('connected')
  return page
}

/** Two messages go through; the third, sent at once, is over the budget: the notice shows and the text stays. */
async function sendThreeQuickly(page: Page, first: [string, string], third: string, notice: string) {
  for (const text of first) {
    await page.fill(box, text)
    await page.press(box, 'Enter')
  }
  // (Waiting for those two only so that it is surely the third that is refused.)
  await expect.poll(() => page.locator(`${log} li.msg-customer[data-id]`).count()).toBe(2)
  await page.fill(box, third)
  await page.press(box, 'Enter')
  await expect.poll(() => page.textContent('[data-testid=chat-hint]')).toContain(notice)
  expect(await page.inputValue(box)).toBe(third)
  // The refused message is not in the conversation: not shown, nothing marked failed.
  expect(await page.locator(`${log} li.msg-customer`).count()).toBe(2)
  expect(await page.locator(`${log} li.failed`).count()).toBe(0)
}

describe('web chat rate limit in a real browser', () => {
  let rt: Runtime
  let browser: Browser
  let server: { url: string; stop(): Promise<void> }
  beforeAll(async () => {
    // Two at once, then one every 10 s: the third quick message is refused.
    rt = await testRuntime('pglite', { config: { WEBCHAT_LIMIT_MESSAGES_PER_VISITOR: '2,6' } })
    server = await serveForTest(rt, [createWebchatModule()])
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop() // also closes the runtime
  })

  it('tells the customer politely, in their language, and keeps what they typed', async () => {
    const page = await open(browser, server.url, 'zh-CN')
    await sendThreeQuickly(page, ['你好', '在吗'], '我想退货，订单号 20240518', '发送太快了，请稍等几秒再试')
    const stored = await rt.db.query<{ text: string }>(`select text from messages where sender_type = 'customer' order by id`)
    expect(stored.rows.map((r) => r.text)).toEqual(['你好', '在吗'])
    await page.close()

    const en = await open(browser, server.url, 'en-US')
    await sendThreeQuickly(en, ['hi', 'hello?'], 'Where is my parcel?', "You're sending messages too quickly")
    await en.close()
  })
})
