// Telegram against telegram-test-api (a local Bot API server): the customer journey in
// long-polling mode; the webhook's secret, malformed input, redelivery, HTML escaping,
// long answers, a 429 whose retry_after is longer than a worker should sleep, and a Bot
// API that is down (retries, then a private note for the agent).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../bot/clock.ts'
import { systemCtx } from '../../bot/context.ts'
import { acceptConversation, closeConversation, sendAgentMessage } from '../../bot/handoff/agentActions.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { setSetting } from '../../bot/settings.ts'
import { addReply } from '../../bot/conversations/addReply.ts'
import { inConversationTx } from '../../bot/conversations/announce.ts'
import { readConversation } from '../../bot/conversations/store.ts'
import { demoKnowledge } from '../../knowledge/demo/demoKnowledge.ts'
import { TEST_WEBHOOK_SECRET, telegramDriver, type TelegramDriver } from '../support/channels/telegram.ts'
import { testRuntime } from '../support/services.ts'
import { staff } from './tickets-helpers.ts'

const returnAnswer = demoKnowledge.find((e) => e.id === 'demo-return')!.answer
const conversationOf = async (rt: Runtime, telegramUserId: number) =>
  Number(
    (
      await rt.db.query<any>(
        `select c.id from conversations c join customer_identities i on i.customer_id = c.customer_id and i.channel = 'telegram'
      where i.external_id = $1 order by c.id desc limit 1`,
        [String(telegramUserId)],
      )
    ).rows[0].id,
  )

describe('Telegram customer journey (long polling)', () => {
  let rt: Runtime
  const driver = telegramDriver({ mode: 'polling' })

  beforeAll(async () => {
    rt = await testRuntime('pglite', { config: { SEED_DEMO: 'true' } })
    await driver.start(rt)
    await setSetting(rt.db, { type: 'system', name: 'test' }, 'surveys.delaySec', 0)
  })
  afterAll(async () => {
    await driver.stop()
    await rt?.close()
  })

  it('answers, clarifies with buttons, hands over, relays the agent, surveys and thanks', async () => {
    const c = await driver.newCustomer()
    await c.say('怎么退货')
    expect(await c.receive(/7 天内/)).toEqual({ text: returnAnswer, buttons: ['👍 有帮助', '👎 没帮助'] })

    await c.say('坏') // "坏了" is answered outright by the demo knowledge base; one character is not
    const options = await c.receive(/您是不是想问/)
    expect(options.buttons).toEqual(expect.arrayContaining(['产品坏了怎么报修', '都不是']))
    await c.press('产品坏了怎么报修')
    await c.receive(/报修工单/)

    await c.say('转人工')
    await c.receive(/排在第 \d+ 位/)
    const agent = await staff(rt)
    const convId = await conversationOf(rt, 1000)
    await acceptConversation({ ctx: agent, id: convId })
    await sendAgentMessage({ ctx: agent, id: convId, text: '您好，我是客服小林，请问订单号是多少？' })
    await c.receive(/客服小林/)
    await closeConversation({ ctx: agent, id: convId })
    const survey = await c.receive(/打个分/)
    expect(survey.buttons).toEqual(['满意', '基本满意', '不满意'])
    await c.press('满意')
    await c.receive(/感谢您的评价/)

    // Every reply went through the outbox and carries Telegram's message id.
    const unsent = await rt.db.query(
      `select id from messages where channel = 'telegram' and direction = 'out' and not is_private and (delivery_status <> 'sent' or platform_message_id is null)`,
    )
    expect(unsent.rows).toEqual([])
  })
})

describe('Telegram webhook', () => {
  let rt: Runtime
  const clock = new ManualClock()
  const driver: TelegramDriver = telegramDriver({ mode: 'webhook', floodControl: true })
  let url: string
  let update = 90_000
  const post = (body: unknown, headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': TEST_WEBHOOK_SECRET }) =>
    fetch(`${url}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  const textUpdate = (userId: number, messageId: number, text: string) => ({
    update_id: update++,
    message: { message_id: messageId, date: 1, from: { id: userId, is_bot: false, first_name: '王' }, chat: { id: userId, type: 'private' }, text },
  })
  const count = async () => Number((await rt.db.query<any>('select count(*) as n from messages')).rows[0].n)
  const sentTo = (chatId: number) =>
    driver
      .server()
      .storage.botMessages.filter((m) => String(m.message.chat_id) === String(chatId))
      .map((m) => m.message)

  beforeAll(async () => {
    rt = await testRuntime('pglite', { config: { SEED_DEMO: 'true' }, clock })
    await driver.start(rt)
    url = driver.app().url
  })
  afterAll(async () => {
    await driver.stop()
    await rt?.close()
  })

  it('refuses a missing or wrong secret with 401 and stores nothing; malformed JSON and unknown shapes are 400', async () => {
    const before = await count()
    expect((await post(textUpdate(1, 1, '怎么退货'), {})).status).toBe(401)
    expect((await post(textUpdate(1, 1, '怎么退货'), { 'x-telegram-bot-api-secret-token': 'guess' })).status).toBe(401)
    expect((await post('{"update_id": 1, "message": ')).status).toBe(400)
    expect((await post({ update_id: 'x' })).status).toBe(400)
    expect(await count()).toBe(before)
    expect(await (await post({ update_id: update++, edited_message: {} })).json()).toMatchObject({ outcome: 'ignored' })
  })

  it('answers a redelivered update once', async () => {
    const u = textUpdate(2001, 7, '怎么退货')
    expect(await (await post(u)).json()).toMatchObject({ outcome: 'answered' })
    expect(await (await post(u)).json()).toMatchObject({ outcome: 'duplicate' })
    await expect.poll(() => sentTo(2001).length, { timeout: 10_000 }).toBe(1)
    await new Promise((r) => setTimeout(r, 500))
    expect(sentTo(2001)).toHaveLength(1)
    expect(sentTo(2001)[0]!.text).toContain('7 天内')
  })

  it('takes the keyboard off a message once one of its buttons is pressed, and answers the callback query', async () => {
    const c = await driver.newCustomer()
    await c.say('坏')
    await c.receive(/您是不是想问/)
    const menu = driver.server().storage.botMessages.findLast((m) => m.message.reply_markup?.inline_keyboard?.length)!
    expect(menu.message.reply_markup.inline_keyboard.length).toBeGreaterThan(1)
    await c.press('产品坏了怎么报修')
    await c.receive(/报修工单/)
    await expect.poll(() => menu.message.reply_markup.inline_keyboard, { timeout: 5000 }).toEqual([])
    const edits = driver.flood().calls('editMessageReplyMarkup')
    expect(edits).toContainEqual(expect.objectContaining({ message_id: menu.messageId, reply_markup: { inline_keyboard: [] } }))
    expect(driver.flood().calls('answerCallbackQuery').length).toBeGreaterThan(0)
  })

  it('escapes HTML in what people wrote, and splits a long answer at 4096 characters with the buttons on the last piece', async () => {
    await post(textUpdate(2002, 1, '转人工'))
    const agent = await staff(rt)
    const convId = await conversationOf(rt, 2002)
    await acceptConversation({ ctx: agent, id: convId })
    await sendAgentMessage({ ctx: agent, id: convId, text: '价格 <b>不</b> 是 <100 & >50 的 "区间"' })
    await expect.poll(() => sentTo(2002).some((m) => m.text?.includes('区间')), { timeout: 10_000 }).toBe(true)
    const escaped = sentTo(2002).find((m) => m.text?.includes('区间'))!
    expect(escaped).toMatchObject({ text: '价格 &lt;b&gt;不&lt;/b&gt; 是 &lt;100 &amp; &gt;50 的 "区间"', parse_mode: 'HTML' })

    // Agents write at most 4000 characters; a long knowledge answer (here stored directly) is what gets split.
    const long = Array.from({ length: 300 }, (_, i) => `第 ${i + 1} 条：这是一段很长的说明文字，用来测试消息拆分。`).join('\n')
    const conv = (await readConversation(rt.db, convId))!
    const stored = await inConversationTx(systemCtx(rt), (w) =>
      addReply(w, conv, { kind: 'answer', text: long, buttons: [{ label: '👍', payload: 'fb:up:x' }] }),
    )
    const sentIds = async () =>
      (await rt.db.query<any>(`select platform_message_id from messages where id = $1 and delivery_status = 'sent'`, [stored.id])).rows[0]?.platform_message_id
    await expect.poll(sentIds, { timeout: 15_000 }).toBeTruthy()
    const pieces = sentTo(2002).filter((m) => m.text?.includes('很长的说明'))
    expect(pieces.length).toBeGreaterThan(1)
    expect(pieces.every((p) => p.text.length <= 4096)).toBe(true)
    expect(
      pieces
        .map((p) => p.text)
        .join('\n')
        .split('\n'),
    ).toEqual(long.split('\n'))
    expect(pieces.map((p) => p.reply_markup?.inline_keyboard.flat().map((b: any) => b.text) ?? [])).toEqual([...pieces.slice(1).map(() => []), ['👍']])
    expect((await sentIds()).split(',')).toHaveLength(pieces.length)
  })

  it('keeps a photo without caption and a sticker for the agent, and asks what the photo shows (zh and en), never "empty message"', async () => {
    const photo = [
      { file_id: 'AgACAgQAAxk-small', file_unique_id: 'AQAD1', file_size: 1200, width: 90, height: 67 },
      { file_id: 'AgACAgQAAxk-large', file_unique_id: 'AQAD2', file_size: 81000, width: 1280, height: 960 },
    ]
    const media = (userId: number, messageId: number, fields: object) => ({
      update_id: update++,
      message: { message_id: messageId, date: 1, from: { id: userId, is_bot: false, first_name: '王' }, chat: { id: userId, type: 'private' }, ...fields },
    })
    expect(await (await post(media(2006, 1, { photo }))).json()).toMatchObject({ outcome: 'answered' })
    await expect.poll(() => sentTo(2006).length, { timeout: 10_000 }).toBe(1)
    const asked = sentTo(2006)[0]!
    expect(asked.text).toContain('收到您发来的图片')
    expect(asked.text).not.toContain('空消息')
    expect(asked.reply_markup.inline_keyboard.flat().map((b: any) => b.text)).toEqual(['转人工', '登记工单'])
    await post(
      media(2006, 2, {
        sticker: {
          file_id: 'CAACAgIAAxk-st',
          file_unique_id: 'AgAD3',
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
          type: 'regular',
          emoji: '👍',
        },
      }),
    )
    await expect.poll(() => sentTo(2006).length, { timeout: 10_000 }).toBe(2)
    expect(sentTo(2006)[1]!.text).toContain('收到您的表情')
    const stored = await rt.db.query<any>(`select text, parts from messages where conversation_id = $1 and direction = 'in' order by id`, [
      await conversationOf(rt, 2006),
    ])
    expect(stored.rows.map((r) => r.text)).toEqual(['[图片]', '[表情] 👍'])
    expect(stored.rows[0].parts.media).toEqual({ type: 'image', ref: 'AgACAgQAAxk-large' })

    // Someone writing English gets the question in English.
    await post(textUpdate(2007, 1, 'hello there'))
    await expect.poll(() => sentTo(2007).length, { timeout: 10_000 }).toBe(1)
    await post(media(2007, 2, { photo }))
    await expect.poll(() => sentTo(2007).length, { timeout: 10_000 }).toBe(2)
    expect(sentTo(2007)[1]!.text).toMatch(/Thanks for the photo.*what it shows/)
  })

  it("waits out a 429 retry_after of 60 s as the job's next run (not at +1, +3, +8 s), while other chats go on", async () => {
    const flood = driver.flood()
    flood.flood(2004, 60)
    expect(await (await post(textUpdate(2004, 1, '怎么退货'))).json()).toMatchObject({ outcome: 'answered' })
    await expect.poll(() => flood.attempts(2004), { timeout: 10_000 }).toBe(1)
    const error = async () =>
      (await rt.db.query<any>(`select delivery_error from messages where conversation_id = $1 and direction = 'out'`, [await conversationOf(rt, 2004)])).rows[0]
        ?.delivery_error
    await expect.poll(error, { timeout: 10_000 }).toMatch(/429.*60/)
    // Nobody else waits for it: another customer's answer goes out meanwhile.
    expect(await (await post(textUpdate(2005, 1, '怎么退货'))).json()).toMatchObject({ outcome: 'answered' })
    await expect.poll(() => sentTo(2005).length, { timeout: 10_000 }).toBe(1)
    for (let waited = 0; waited < 50; waited += 10) {
      clock.advance(10_000)
      await rt.jobs.drain(10_000)
    }
    expect(flood.attempts(2004)).toBe(1) // 50 s later: not tried again yet
    clock.advance(11_000)
    await rt.jobs.drain(10_000)
    await expect.poll(() => sentTo(2004).length, { timeout: 10_000 }).toBe(1)
    expect(flood.attempts(2004)).toBe(2)
    expect(sentTo(2004)[0]!.text).toContain('7 天内')
  })

  it('retries while the Bot API is down, then tells the agent in a private note', async () => {
    await driver.server().stop()
    expect(await (await post(textUpdate(2003, 1, '怎么退货'))).json()).toMatchObject({ outcome: 'answered' })
    const delivery = async () =>
      (
        await rt.db.query<any>(
          `select m.delivery_status, m.delivery_error, (select max(attempts) from jobs j where j.name = 'channel.deliver' and j.payload->>'messageId' = m.id::text) as attempts
         from messages m where m.conversation_id = $1 and m.direction = 'out'`,
          [await conversationOf(rt, 2003)],
        )
      ).rows[0]
    await expect.poll(async () => (await delivery())?.delivery_error, { timeout: 10_000 }).toBeTruthy()
    for (let i = 0; i < 12 && (await delivery()).delivery_status === 'pending'; i++) {
      expect((await delivery()).delivery_error).toBeTruthy()
      clock.advance(10 * 60_000)
      await rt.jobs.drain(20_000)
    }
    const d = await delivery()
    expect(d).toMatchObject({ delivery_status: 'failed', attempts: 8 })
    expect(d.delivery_error).not.toContain('kefu-test-token') // the bot token never lands in the database
    const note = await rt.db.query<any>(`select text from messages where conversation_id = $1 and is_private`, [await conversationOf(rt, 2003)])
    expect(note.rows[0].text).toMatch(/发送失败.*telegram/)
  })
})
