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

const RETURN = demoKnowledge.find((e) => e.id === 'demo-return')!.answer
const msgId = () => String(randomInt(2 ** 47))
const count = async (rt: Runtime, openid: string) =>
  Number((await rt.db.query<{ n: string }>(`select count(*) as n from messages m join customer_identities i on i.customer_id = (select customer_id from conversations where id = m.conversation_id) where i.external_id = $1`, [openid])).rows[0]!.n)

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
    const forged = await fetch(`${plain.url()}/wechat?signature=${'a'.repeat(40)}&timestamp=1&nonce=2`, { method: 'POST', body: `<xml><ToUserName>gh</ToUserName><FromUserName>${c.openid}</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>hi</Content><MsgId>1</MsgId></xml>` })
    expect(forged.status).toBe(401)
    expect(await count(rt, c.openid)).toBe(0)
    const ts = String(Math.floor(Date.now() / 1000)) // a signed query is good only while fresh (replay.ts)
    const malformed = await fetch(`${plain.url()}/wechat?signature=${wechatSignature(WECHAT_TEST.token, ts, '7')}&timestamp=${ts}&nonce=7`, { method: 'POST', body: '<xml><Content>oops</xml>' })
    expect(malformed.status).toBe(400)
    expect(((await malformed.json()) as any).error.requestId).toBeTruthy()
  })

  it('replies passively in plain mode and never sends the same reply through the API', async () => {
    const c = await plain.newCustomer()
    const res = await c.post({ MsgType: 'text', Content: '怎么退货', MsgId: msgId() })
    const xml = parseWechatXml(await res.text())
    expect(xml).toMatchObject({ ToUserName: c.openid, FromUserName: WECHAT_TEST.account, MsgType: 'text', Content: RETURN })
    const row = await rt.db.query<any>(`select delivery_status, delivery_route, platform_message_id from messages where text = $1 and direction = 'out' order by id desc limit 1`, [RETURN])
    expect(row.rows[0]).toEqual({ delivery_status: 'sent', delivery_route: 'passive', platform_message_id: null })
    await new Promise((r) => setTimeout(r, 600))
    expect(plain.api().sent.filter((s) => s.touser === c.openid)).toEqual([])
  })

  it('answers a retried MsgId with "success" and stores it once', async () => {
    const c = await plain.newCustomer()
    const id = msgId()
    const first = await c.post({ MsgType: 'text', Content: '怎么开发票', MsgId: id })
    expect(await first.text()).toContain('电子普通发票')
    for (let i = 0; i < 3; i++) expect(await (await c.post({ MsgType: 'text', Content: '怎么开发票', MsgId: id })).text()).toBe('success')
    expect(await count(rt, c.openid)).toBe(2) // the question and its one answer
  })

  it('greets a new follower, and a menu CLICK HUMAN asks for a person', async () => {
    const c = await plain.newCustomer()
    const hello = parseWechatXml(await (await c.post({ MsgType: 'event', Event: 'subscribe', EventKey: '' })).text())
    expect(String(hello.Content)).toMatch(/您好|你好/)
    const human = parseWechatXml(await (await c.post({ MsgType: 'event', Event: 'CLICK', EventKey: 'HUMAN' })).text())
    expect(String(human.Content)).toMatch(/排在第 1 位|人工/)
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

  it('decrypts the message and encrypts the passive reply, signed the documented way', async () => {
    const c = await safe.newCustomer()
    const res = await c.post({ MsgType: 'text', Content: '怎么退货', MsgId: msgId() })
    const outer = parseWechatXml(await res.text()) as Record<string, string>
    expect(wechatSignature(WECHAT_TEST.token, String(outer.TimeStamp), String(outer.Nonce), outer.Encrypt!)).toBe(outer.MsgSignature)
    const { xml, appId } = decryptMessage(WECHAT_TEST.aesKey, outer.Encrypt!)
    expect(appId).toBe(WECHAT_TEST.appId)
    expect(parseWechatXml(xml).Content).toContain(RETURN)
  })

  it('answers "success" when the turn is late, and the reply goes out through the API once', async () => {
    const c = await safe.newCustomer()
    await c.say('你好')
    await c.receive(/./)
    const conv = (await rt.db.query<{ id: number }>(`select c.id from conversations c join customer_identities i on i.customer_id = c.customer_id where i.external_id = $1`, [c.openid])).rows[0]!
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    // Another transaction holds the conversation row: the turn waits past the 800 ms window.
    const lock = rt.db.transaction(async (tx) => {
      await tx.query('select id from conversations where id = $1 for update', [conv.id])
      await held
    })
    const res = await c.post({ MsgType: 'text', Content: '怎么退货', MsgId: msgId() })
    expect(await res.text()).toBe('success')
    release()
    await lock
    await c.receive(/签收后 7 天内/)
    await new Promise((r) => setTimeout(r, 500))
    expect(safe.api().sent.filter((s) => s.touser === c.openid && s.content.includes('签收后 7 天内'))).toHaveLength(1)
  })
})
