// Agent assist in Chromium, against the OpenAI-compatible stand-in and PostgreSQL: the agent
// sees the model's hand-off summary (with the real order number, though the model only saw
// a placeholder), clicks a suggested reply into the reply box, and finds the order number
// the model read in the ticket dialog, marked as a suggestion to confirm.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminModule } from '../../admin/module.ts'
import { consoleModule } from '../../admin/console/module.ts'
import { systemCtx } from '../../bot/context.ts'
import { defineConversationJobs } from '../../bot/conversations/module.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { ticketsModule } from '../../bot/tickets/module.ts'
import { handleInbound } from '../../bot/turn/handleInbound.ts'
import { launchBrowser, staffPage } from '../support/browser.ts'
import { type ChatRequest, type FakeChatModel, startFakeChatModel } from '../support/fake-chat-model.ts'
import { seedKnowledge } from '../support/knowledge.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime } from '../support/services.ts'

const ORDER = '2026112300005678'
const placeholder = (req: ChatRequest) => req.text.match(/\[ORDER_\d+\]/)?.[0]

describe('agent assist in the console, in a real browser', () => {
  let rt: Runtime
  let browser: Browser
  let model: FakeChatModel
  let server: { url: string; stop(): Promise<void> }

  beforeAll(async () => {
    model = await startFakeChatModel()
    rt = await testRuntime('postgres', {
      config: { LLM_BASE_URL: model.baseURL, LLM_MODEL: model.model, LLM_TIMEOUT_MS: '500', LLM_ASSIST_TIMEOUT_MS: '3000' },
    })
    await seedKnowledge(rt)
    await defineConversationJobs(rt)
    await rt.jobs.start()
    await createUser({ ctx: systemCtx(rt), input: { username: 'yun', displayName: '云小姐', role: 'agent', password: 'agent-password-9' } })
    server = await serveForTest(rt, [ticketsModule, consoleModule, adminModule])
    browser = await launchBrowser()
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await model?.close()
  })

  it('shows the model summary, fills the reply box from a suggestion chip, and prefills the ticket order number', async () => {
    let logistics = ''
    model.respond = (req) => {
      const system = req.messages[0]!.content
      if (/brief a customer-service agent/.test(system))
        return { content: { wants: '客户想知道洗衣机的物流进度。', tried: '', orders: [], phones: [], addresses: [] } }
      if (/suggest replies/.test(system)) {
        const id = req.text.match(/\[(E\d+)\] Q: 怎么查物流\n/)?.[1]
        return { content: { replies: id ? [{ text: `您好，${logistics.split('。')[0]}。`, entry: id }] : [] } }
      }
      if (/support ticket/.test(system)) return { content: { type: 'enquiry', product: null, orderNo: placeholder(req), phone: null, address: null } }
      return { content: {} }
    }
    logistics = (await rt.db.query<{ answer: string }>(`select answer from kb_entries where question = '怎么查物流'`)).rows[0]!.answer
    const say = (n: number, text: string) =>
      handleInbound({ ctx: systemCtx(rt), input: { channel: 'webchat', externalUserId: 'assist-v', channelMessageId: `a${n}`, text } })
    await say(1, '我买的洗衣机，快递三天没动了')
    const { conversationId: id } = await say(2, '转人工，怎么查物流')
    await rt.jobs.drain()
    // Written while waiting, after the hand-off: the rules' summary does not have it, the model reads it.
    await say(3, `订单号 ${ORDER}`)
    for (const r of model.requests) expect(r.text).not.toContain(ORDER)

    const page = await staffPage(browser, server.url, 'yun', 'agent-password-9', { width: 1440, height: 900 })
    await page.goto(`${server.url}/admin/inbox`)
    await page.locator(`[data-testid=conv-item][data-id="${id}"]`).click()
    const summary = page.locator('[data-testid=model-summary]')
    await summary.waitFor()
    expect(await summary.textContent()).toContain('由模型生成，请核对')
    expect(await page.textContent('[data-testid=model-summary-wants]')).toContain('客户想知道洗衣机的物流进度。')

    const chip = page.locator('[data-testid=suggestion][data-source=model]')
    await chip.waitFor()
    await chip.click()
    expect(await page.inputValue('[data-testid=reply]')).toBe(`您好，${logistics.split('。')[0]}。`)
    expect(await page.locator('[data-testid=suggestion]').count()).toBeLessThanOrEqual(3)

    await page.click('[data-testid=new-ticket]')
    await expect.poll(() => page.inputValue('[data-testid=ticket-orderNo]')).toBe(ORDER)
    expect(await page.textContent('[data-testid=suggested-orderNo]')).toContain('建议值，请确认')
    expect(await page.getAttribute('[data-testid=ticket-orderNo]', 'class')).toContain('suggested')
    await page.click('[data-testid=ticket-dialog-submit]')
    await expect
      .poll(async () => (await rt.db.query<any>('select fields from tickets where conversation_id = $1', [id])).rows[0]?.fields)
      .toMatchObject({ orderNo: ORDER })
    expect(model.requests.some((r) => /support ticket/.test(r.messages[0]!.content))).toBe(true)
    for (const r of model.requests) expect(r.text).not.toContain(ORDER) // masked on every call, the extraction's too
  }, 90_000)
})
