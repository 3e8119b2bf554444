// The /wechat webhook end to end against real services and a local fake WeChat API:
// signatures, plain and safe mode, retries with the same MsgId, passive replies versus
// the customer-service API, events.
import { randomInt } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decryptMessage } from '../../adapters/wechat-oa/crypto.ts'
import { wechatSignature } from '../../adapters/wechat-oa/verify.ts'
import { parseWechatXml } from '../../adapters/wechat-oa/xml.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { setSetting } from '../../bot/settings.ts'
import { demoKnowledge } from '../../knowledge/demo/demoKnowledge.ts'
import { WECHAT_TEST, wechatDriver, type WechatDriver } from '../support/channels/wechat.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'
import { acceptConversation } from '../../bot/handoff/agentActions.ts'
import { staff } from './tickets-helpers.ts'

const RETURN = demoKnowledge.find((e) => e.id === 'demo-return')!.answer
const msgId = () => String(randomInt(2 ** 47))
const count = async (rt: Runtime, openid: string) =>
  Number(
    (
      await rt.db.query<{ n: string }>(
        `select count(*) as n from messages m join customer_identities i on i.customer_id = (select customer_id from conversations where id = m.conversation_id) where i.external_id = $1`,
        [openid],
      )
    ).rows[0]!.n,
  )

describe.each(DB_KINDS)('WeChat Official Account webhook on %s', (kind) => {
  let rt: Runtime
  let plain: WechatDriver
  beforeAll(async () => {
    rt = await testRuntime(kind, { config: { SEED_DEMO: 'true' } })
    await setSetting(rt.db, { type: 'system', name: 'test' }, 'surveys.answerFeedback', false)
    plain = wechatDriver({ safeMode: false })
    await plain.start(rt)
    await rt.jobs.start()
  })
  afterAll(async () => {
    await plain?.stop()
    await rt?.close()
  })

  it('answers the URL check with echostr, and 401 to a wrong signature', async () => {
    const ts = '1409735669'
    const ok = await fetch(`${plain.url()}/wechat?signature=${wechatSignature(WECHAT_TEST.token, ts, '42')}&timestamp=${ts}&nonce=42&echostr=hello123`)
    expect([ok.status, await ok.text()]).toEqual([200, 'hello123'])
    const bad = await fetch(`${plain.url()}/wechat?signature=${'0'.repeat(40)}&timestamp=${ts}&nonce=42&echostr=hello123`)
    expect(bad.status).toBe(401)
    expect(await bad.text()).not.toContain('hello123')
  })

  it('refuses a forged POST (nothing stored) and malformed XML (400)', async () => {
    const c = await plain.newCustomer()
    const forged = await fetch(`${plain.url()}/wechat?signature=${'a'.repeat(40)}&timestamp=1&nonce=2`, {
      method: 'POST',
      body: `<xml><ToUserName>gh</ToUserName><FromUserName>${c.openid}</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>hi</Content><MsgId>1</MsgId></xml>`,
    })
    expect(forged.status).toBe(401)
    expect(await count(rt, c.openid)).toBe(0)
    const ts = String(Math.floor(Date.now() / 1000)) // a signed query is good only while fresh (replay.ts)
    const malformed = await fetch(`${plain.url()}/wechat?signature=${wechatSignature(WECHAT_TEST.token, ts, '7')}&timestamp=${ts}&nonce=7`, {
      method: 'POST',
      body: '<xml><Content>oops</xml>',
    })
    expect(malformed.status).toBe(400)
    expect(((await malformed.json()) as any).error.requestId).toBeTruthy()
  })

  it('replies passively in plain mode and never sends the same reply through the API', async () => {
    const c = await plain.newCustomer()
    const res = await c.post({ MsgType: 'text', Content: '怎么退货', MsgId: msgId() })
    const xml = parseWechatXml(await res.text())
    expect(xml).toMatchObject({ ToUserName: c.openid, FromUserName: WECHAT_TEST.account, MsgType: 'text', Content: RETURN })
    const row = await rt.db.query<any>(
      `select delivery_status, delivery_route, platform_message_id from messages where text = $1 and direction = 'out' order by id desc limit 1`,
      [RETURN],
    )
    expect(row.rows[0]).toEqual({ delivery_status: 'sent', delivery_route: 'passive', platform_message_id: null })
    await new Promise((r) => setTimeout(r, 600))
    expect(plain.api().sent.filter((s) => s.touser === c.openid)).toEqual([])
  })

  it('answers a retried MsgId (our passive answer never reached WeChat) with the same answer again, stored once', async () => {
    const c = await plain.newCustomer()
    const id = msgId()
    const first = await c.post({ MsgType: 'text', Content: '怎么开发票', MsgId: id })
    const answer = parseWechatXml(await first.text()).Content
    expect(answer).toContain('电子普通发票')
    // WeChat retries only when our answer did not arrive: each retry carries the same answer, not "success".
    for (let i = 0; i < 3; i++) expect(parseWechatXml(await (await c.post({ MsgType: 'text', Content: '怎么开发票', MsgId: id })).text()).Content).toBe(answer)
    expect(await count(rt, c.openid)).toBe(2) // the question and its one answer
    await new Promise((r) => setTimeout(r, 600))
    expect(plain.api().sent.filter((s) => s.touser === c.openid)).toEqual([])
  })

  const inbound = async (openid: string) =>
    (
      await rt.db.query<any>(
        `select m.text, m.parts from messages m join conversations c on c.id = m.conversation_id join customer_identities i on i.customer_id = c.customer_id
      where i.external_id = $1 and m.direction = 'in' order by m.id`,
        [openid],
      )
    ).rows

  it("keeps video, short video, location and link messages (WeChat's documented samples) and asks about them, never dropping one", async () => {
    const c = await plain.newCustomer()
    const answer = async (fields: Record<string, string | number>) => String(parseWechatXml(await (await c.post({ ...fields, MsgId: msgId() })).text()).Content)
    expect(await answer({ MsgType: 'video', MediaId: 'media_id', ThumbMediaId: 'thumb_media_id' })).toMatch(/收到您发来的视频.*转人工/s)
    expect(await answer({ MsgType: 'shortvideo', MediaId: 'media_id2', ThumbMediaId: 'thumb_media_id' })).toContain('收到您发来的视频')
    expect(await answer({ MsgType: 'location', Location_X: '23.134521', Location_Y: '113.358803', Scale: 20, Label: '广州市海珠区' })).toContain(
      '收到您发来的位置',
    )
    expect(await answer({ MsgType: 'link', Title: '订单详情', Description: '订单 8801', Url: 'https://shop.example.com/o/8801' })).toContain('收到您发来的链接')
    expect((await inbound(c.openid)).map((r) => r.text)).toEqual([
      '[视频]',
      '[视频]',
      '[位置] 广州市海珠区 (23.134521, 113.358803)',
      '[链接] 订单详情 订单 8801 https://shop.example.com/o/8801',
    ])
  })

  it('keeps a photo, a video and a location sent while an agent has the chat, and the bot stays silent', async () => {
    const c = await plain.newCustomer()
    await c.post({ MsgType: 'text', Content: '转人工', MsgId: msgId() })
    const conv = (
      await rt.db.query<{ id: number }>(
        `select c.id from conversations c join customer_identities i on i.customer_id = c.customer_id where i.external_id = $1`,
        [c.openid],
      )
    ).rows[0]!
    await acceptConversation({ ctx: await staff(rt), id: conv.id })
    for (const fields of <Record<string, string | number>[]>[
      { MsgType: 'image', PicUrl: 'http://mmbiz.qpic.cn/broken.jpg', MediaId: 'img1' },
      { MsgType: 'video', MediaId: 'vid1', ThumbMediaId: 'thumb1' },
      { MsgType: 'location', Location_X: '31.2304', Location_Y: '121.4737', Scale: 15, Label: '上海市黄浦区' },
    ])
      expect(await (await c.post({ ...fields, MsgId: msgId() })).text()).toBe('success')
    const rows = await inbound(c.openid)
    expect(rows.map((r) => r.text)).toEqual(['转人工', '[图片] http://mmbiz.qpic.cn/broken.jpg', '[视频]', '[位置] 上海市黄浦区 (31.2304, 121.4737)'])
    expect(rows[1].parts.media).toEqual({ type: 'image', ref: 'img1', url: 'http://mmbiz.qpic.cn/broken.jpg' })
  })

  it('greets a new follower, and a menu CLICK HUMAN asks for a person', async () => {
    const c = await plain.newCustomer()
    const hello = parseWechatXml(await (await c.post({ MsgType: 'event', Event: 'subscribe', EventKey: '' })).text())
    expect(String(hello.Content)).toMatch(/您好|你好/)
    const human = parseWechatXml(await (await c.post({ MsgType: 'event', Event: 'CLICK', EventKey: 'HUMAN' })).text())
    expect(String(human.Content)).toMatch(/排在第 1 位|人工/)
  })

  it('answers two different menu buttons pressed within the same second (events have no MsgId), and a retried click once', async () => {
    const c = await plain.newCustomer()
    const at = Math.floor(Date.now() / 1000)
    const click = async (key: string) => c.post({ MsgType: 'event', Event: 'CLICK', EventKey: key, CreateTime: at })
    expect(parseWechatXml(await (await click('怎么退货')).text()).Content).toContain(RETURN)
    expect(parseWechatXml(await (await click('怎么开发票')).text()).Content).toContain('电子普通发票')
    expect((await inbound(c.openid)).map((r) => r.text)).toEqual(['怎么退货', '怎么开发票'])
    await click('怎么开发票') // WeChat's retry of the same event
    expect(await inbound(c.openid)).toHaveLength(2)
  })

  it('keeps the customer language when a menu key is ASCII (CLICK RETURNS): the bot does not turn English', async () => {
    const c = await plain.newCustomer()
    await c.post({ MsgType: 'text', Content: '你好', MsgId: msgId() })
    const reply = String(parseWechatXml(await (await c.post({ MsgType: 'event', Event: 'CLICK', EventKey: 'RETURNS' })).text()).Content)
    expect(reply).toContain('7 days') // the key matched the English entry; that answer is the entry's own words
    const next = String(parseWechatXml(await (await c.post({ MsgType: 'text', Content: '??', MsgId: msgId() })).text()).Content)
    expect(next).toMatch(/[\u4e00-\u9fff]/)
    expect(next).not.toMatch(/[a-z]{4,}/i) // …but the bot's own words stay Chinese
    const language = await rt.db.query<any>(`select c.language from customers c join customer_identities i on i.customer_id = c.id where i.external_id = $1`, [
      c.openid,
    ])
    expect(language.rows[0].language).toBe('zh')
  })

  it('sends an answer too long for one message through the API, in pieces under 2048 bytes', async () => {
    const c = await plain.newCustomer()
    const long = Array.from({ length: 120 }, (_, i) => `第 ${i + 1} 条：售后政策说明文字。`).join('\n')
    await rt.db.query(`update kb_entries set answer = $1 where id = 'demo-invoice'`, [long])
    const res = await c.post({ MsgType: 'text', Content: '怎么开发票', MsgId: msgId() })
    expect(await res.text()).toBe('success')
    const started = Date.now()
    await expect.poll(() => plain.api().sent.filter((s) => s.touser === c.openid).length, { timeout: 15_000 }).toBeGreaterThan(1)
    expect(Date.now() - started).toBeLessThan(3000) // handed over at once, not after the passive window
    // Every piece, not just the first two: under load the rest may still be on the way.
    await expect.poll(() => plain.api().sent.some((s) => s.touser === c.openid && s.content.includes('第 120 条')), { timeout: 15_000 }).toBe(true)
    const sent = plain.api().sent.filter((s) => s.touser === c.openid)
    for (const s of sent) expect(Buffer.byteLength(s.content)).toBeLessThanOrEqual(2048)
    expect(sent.map((s) => s.content).join('\n')).toContain('第 120 条')
  })
})

describe('WeChat safe mode and a slow turn (postgres)', () => {
  let rt: Runtime
  let safe: WechatDriver
  beforeAll(async () => {
    rt = await testRuntime('postgres', { config: { SEED_DEMO: 'true' } })
    safe = wechatDriver({ safeMode: true, replyTimeoutMs: 800 })
    await safe.start(rt)
    await rt.jobs.start()
  })
  afterAll(async () => {
    await safe?.stop()
    await rt?.close()
  })

  /** Another transaction holds the customer's conversation row: their next turn waits past the 800 ms window. */
  async function holdConversation(openid: string) {
    const conv = (
      await rt.db.query<{ id: number }>(
        `select c.id from conversations c join customer_identities i on i.customer_id = c.customer_id where i.external_id = $1`,
        [openid],
      )
    ).rows[0]!
    let letGo!: () => void
    const held = new Promise<void>((r) => (letGo = r))
    let locked!: () => void
    const taken = new Promise<void>((r) => (locked = r))
    const lock = rt.db.transaction(async (tx) => {
      await tx.query('select id from conversations where id = $1 for update', [conv.id])
      locked()
      await held
    })
    await taken
    return { conv, release: () => (letGo(), lock) }
  }

  it('decrypts the message and encrypts the passive reply, signed the documented way', async () => {
    const c = await safe.newCustomer()
    const res = await c.post({ MsgType: 'text', Content: '怎么退货', MsgId: msgId() })
    const outer = parseWechatXml(await res.text()) as Record<string, string>
    expect(wechatSignature(WECHAT_TEST.token, String(outer.TimeStamp), String(outer.Nonce), outer.Encrypt!)).toBe(outer.MsgSignature)
    const { xml, appId } = decryptMessage(WECHAT_TEST.aesKey, outer.Encrypt!)
    expect(appId).toBe(WECHAT_TEST.appId)
    expect(parseWechatXml(xml).Content).toContain(RETURN)
  })

  it('sends a lost passive answer through the API when WeChat retries and the answer is not at hand within the window', async () => {
    const c = await safe.newCustomer()
    const id = msgId()
    const first = await c.post({ MsgType: 'text', Content: '怎么退货', MsgId: id })
    expect(await first.text()).not.toBe('success') // answered passively … and, say, lost on the way
    const { conv, release } = await holdConversation(c.openid)
    // The retry cannot look the answer up within its 800 ms: "success", and the API carries it.
    expect(await (await c.post({ MsgType: 'text', Content: '怎么退货', MsgId: id })).text()).toBe('success')
    await release()
    const viaApi = () => safe.api().sent.filter((s) => s.touser === c.openid && s.content.includes('签收后 7 天内'))
    await expect.poll(() => viaApi().length, { timeout: 10_000 }).toBe(1)
    await new Promise((r) => setTimeout(r, 500))
    expect(viaApi()).toHaveLength(1)
    const row = await rt.db.query<any>(`select delivery_status, delivery_route from messages where conversation_id = $1 and direction = 'out'`, [conv.id])
    expect(row.rows).toEqual([{ delivery_status: 'sent', delivery_route: 'outbox' }])
  })

  it('answers "success" when the turn is late, and the reply goes out through the API once', async () => {
    const c = await safe.newCustomer()
    await c.say('你好')
    await c.receive(/./)
    const { release } = await holdConversation(c.openid)
    const res = await c.post({ MsgType: 'text', Content: '怎么退货', MsgId: msgId() })
    expect(await res.text()).toBe('success')
    await release()
    await c.receive(/签收后 7 天内/)
    await new Promise((r) => setTimeout(r, 500))
    expect(safe.api().sent.filter((s) => s.touser === c.openid && s.content.includes('签收后 7 天内'))).toHaveLength(1)
  })
})
