// The model on the customer's path, end to end on the web chat (a real browser) and on
// Telegram (telegram-test-api), with the demo knowledge and a local OpenAI-compatible
// stand-in as the model endpoint: a composed, grounded answer reaches the customer; a hung or
// failing model, or a composed answer with a number no entry states, leaves the customer with
// the curated reply in time; what the customer typed about themselves never reaches the
// stand-in; a channel the admin turned the model off for asks it nothing.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { webchatModule } from '../../adapters/webchat/module.ts'
import { conversationsModule } from '../../bot/conversations/module.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { setSetting } from '../../bot/settings.ts'
import { ticketsModule } from '../../bot/tickets/module.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { launchBrowser } from '../support/browser.ts'
import { telegramDriver, visibleText } from '../support/channels/telegram.ts'
import { type ChatRequest, type FakeChatModel, startFakeChatModel } from '../support/fake-chat-model.ts'
import { seedKnowledge } from '../support/knowledge.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime } from '../support/services.ts'

/** search leaves this one unsure (a clarify between 退款 and 运费): the model is asked. */
const TWO_PART = '东西到了不想要了，钱多久能回来，运费谁出'
const CLARIFY = /您是不是想问/
const LLM_TIMEOUT_MS = 800
/** The curated reply must be there well inside a push channel's patience, model or not. */
const IN_TIME_MS = 6000
const SYSTEM = { type: 'system', name: 'test' } as const

function idOf(req: ChatRequest, question: string): string {
  const m = req.messages.find((x) => x.role === 'user')!.content.match(new RegExp(`\\[(E\\d+)\\] Q: ${question}\\n`))
  if (!m) throw new Error(`entry "${question}" was not shown`)
  return m[1]!
}
const isJudge = (req: ChatRequest) => /"verdict"/.test(req.messages[0]!.content)
const literally = (s: string) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))

interface Customer {
  say(text: string): Promise<void>
  receive(match: RegExp, timeoutMs?: number): Promise<string>
}
interface Channel {
  start(rt: Runtime): Promise<void>
  customer(): Promise<Customer>
  /** Every text the bot showed any customer on this channel. */
  shown(): Promise<string[]>
  stop(): Promise<void>
}

/** A customer in the web chat page, in Chromium. */
function webchat(): Channel {
  let server: { url: string; stop(): Promise<void> }
  let browser: Browser
  const pages: import('playwright-core').Page[] = []
  const botTexts = async (p: (typeof pages)[number]) => p.locator('[data-testid=chat-log] .msg-bot').allTextContents()
  return {
    async start(rt) {
      const modules = [knowledgeModule, conversationsModule, ticketsModule, webchatModule]
      for (const m of modules) await m.prepare?.(rt)
      await rt.jobs.start()
      server = await serveForTest(rt, modules)
      browser = await launchBrowser()
    },
    async customer() {
      const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage()
      pages.push(page)
      await page.goto(`${server.url}/`)
      let consumed = 0
      return {
        async say(text) {
          consumed = (await botTexts(page)).length
          await page.fill('[data-testid=chat-form] textarea', text)
          await page.click('[data-testid=chat-form] button[type=submit]')
        },
        async receive(match, timeoutMs = IN_TIME_MS) {
          let hit: string | undefined
          await expect
            .poll(
              async () => {
                hit = (await botTexts(page)).slice(consumed).find((t) => match.test(t))
                return Boolean(hit)
              },
              { timeout: timeoutMs, interval: 100 },
            )
            .toBe(true)
          return hit!
        },
      }
    },
    async shown() {
      return (await Promise.all(pages.map(botTexts))).flat()
    },
    async stop() {
      await browser?.close()
      await server?.stop()
    },
  }
}

/** A customer writing to the bot through telegram-test-api. */
function telegram(): Channel {
  const driver = telegramDriver()
  return {
    start: (rt) => driver.start(rt),
    async customer() {
      const c = await driver.newCustomer()
      return { say: (t) => c.say(t), receive: async (m, ms = IN_TIME_MS) => (await c.receive(m, ms)).text }
    },
    async shown() {
      return driver
        .server()
        .storage.botMessages.map((m) => visibleText(String(m.message?.text ?? '')))
        .filter(Boolean)
    },
    stop: () => driver.stop(),
  }
}

const CHANNELS = { webchat, telegram }

describe.each(Object.keys(CHANNELS) as (keyof typeof CHANNELS)[])('the model answering customers on %s', (name) => {
  let rt: Runtime
  let model: FakeChatModel
  let channel: Channel
  const answerOf = async (q: string) => (await rt.db.query<{ answer: string }>('select answer from kb_entries where question = $1', [q])).rows[0]!.answer
  const outcomes = async () => (await rt.db.query<{ outcome: string }>('select outcome from llm_calls order by id')).rows.map((r) => r.outcome)

  beforeAll(async () => {
    model = await startFakeChatModel({ apiKey: 'sk-test' })
    rt = await testRuntime('postgres', {
      config: { LLM_BASE_URL: model.baseURL, LLM_API_KEY: 'sk-test', LLM_MODEL: model.model, LLM_TIMEOUT_MS: String(LLM_TIMEOUT_MS) },
    })
    expect(await seedKnowledge(rt)).toBeGreaterThan(30)
    channel = CHANNELS[name]()
    await channel.start(rt)
  }, 120_000)
  afterAll(async () => {
    await channel?.stop()
    await rt?.close()
    await model?.close()
  })
  beforeEach(async () => {
    model.requests.length = 0
    model.respond = () => ({ content: {} })
    await rt.db.query('delete from llm_calls')
  })

  it('sends the answer the model composed from two entries, every fact theirs', async () => {
    const text = `${(await answerOf('退款什么时候到账')).split('。')[0]}。${(await answerOf('运费怎么算')).split('。')[0]}。`
    model.respond = (req) => ({ content: { verdict: 'compose', entries: [idOf(req, '退款什么时候到账'), idOf(req, '运费怎么算')], answer: text } })
    const customer = await channel.customer()
    await customer.say(TWO_PART)
    expect(await customer.receive(literally(text))).toContain(text)
    expect(await outcomes()).toContain('ok')
  }, 30_000)

  it('gives the curated clarify in time when the model hangs or answers 500', async () => {
    for (const reply of [{ hang: true }, { status: 500 }]) {
      model.respond = () => reply
      const customer = await channel.customer()
      const started = Date.now()
      await customer.say(TWO_PART)
      await customer.receive(CLARIFY)
      expect(Date.now() - started).toBeLessThan(IN_TIME_MS)
    }
    expect(await outcomes()).toEqual(['timeout', 'error']) // the model was asked, and failed both ways
  }, 30_000)

  it('never sends a composed answer with a number no cited entry states', async () => {
    const invented = '退款 30 天内到账，运费我们全包 88 元。'
    model.respond = (req) => ({ content: { verdict: 'compose', entries: [idOf(req, '退款什么时候到账')], answer: invented } })
    const customer = await channel.customer()
    await customer.say(TWO_PART)
    await customer.receive(CLARIFY)
    expect(model.requests.filter(isJudge).length).toBeGreaterThan(0)
    expect((await channel.shown()).join('\n')).not.toMatch(/30 天内到账|88 元/)
  }, 30_000)

  it("keeps the phone and order number the customer typed out of the model's requests", async () => {
    model.respond = () => ({ content: { verdict: 'none', entries: [], answer: '' } })
    const customer = await channel.customer()
    // A long number makes the message a case (a ticket draft), so the model sees it only in
    // the conversation's last turns, sent with the next question: cancel the draft, then ask.
    await customer.say('我的电话 13912345678，订单号 DD2026112300123')
    await customer.receive(/工单/)
    await customer.say('算了')
    await customer.receive(/已取消登记/)
    await customer.say(TWO_PART)
    await expect.poll(() => model.requests.length, { timeout: IN_TIME_MS }).toBeGreaterThan(0)
    // Every call audited before the next test clears the audit.
    await expect.poll(async () => (await outcomes()).length >= model.requests.length, { timeout: IN_TIME_MS }).toBe(true)
    const sent = model.requests.map((r) => r.text).join('\n')
    expect(sent).toMatch(/\[PHONE_1\].*\[ORDER_1\]/s) // the turn was sent, masked
    expect(sent).not.toContain('13912345678')
    expect(sent).not.toContain('DD2026112300123')
  }, 30_000)

  it(`asks the model nothing for a ${name} message when the admin turned it off there`, async () => {
    const on = { webchat: true, wechat: true, wechaty: true, telegram: true, teams: true }
    await setSetting(rt.db, SYSTEM, 'llm', { channels: { ...on, [name]: false } })
    try {
      model.respond = () => ({ content: { verdict: 'none', entries: [], answer: '' } })
      const customer = await channel.customer()
      await customer.say(TWO_PART)
      await customer.receive(CLARIFY)
      expect(model.requests).toHaveLength(0)
      expect(await outcomes()).toEqual([])
    } finally {
      await setSetting(rt.db, SYSTEM, 'llm', {})
    }
  }, 30_000)
})
