// Issue 15 (2): plain mode signs only token, timestamp and nonce, so a captured signed query was
// good for ever and for any body — a query 400 days old was accepted, and one reused with another
// body and FromUserName was stored and answered as that customer. Signed the vendor's way
// (wechatSignature: SHA-1 of the sorted token, timestamp and nonce).
import { randomInt } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encryptMessage } from '../../adapters/wechat-oa/crypto.ts'
import { wechatSignature } from '../../adapters/wechat-oa/verify.ts'
import { buildWechatXml } from '../../adapters/wechat-oa/xml.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { WECHAT_TEST, wechatDriver, type WechatDriver } from '../support/channels/wechat.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'

const nowSec = () => Math.floor(Date.now() / 1000)
const openid = () => `o_replay_${randomInt(1e9)}`
const text = (from: string, content: string) =>
  buildWechatXml({
    ToUserName: WECHAT_TEST.account,
    FromUserName: from,
    CreateTime: nowSec(),
    MsgType: 'text',
    Content: content,
    MsgId: String(randomInt(2 ** 47)),
  })

describe.each(DB_KINDS)('WeChat replay protection on %s', (kind) => {
  let rt: Runtime
  let plain: WechatDriver
  let safe: WechatDriver
  const stored = async (from: string) =>
    Number(
      (
        await rt.db.query<{ n: number }>(
          `select count(*)::int as n from messages m join conversations c on c.id = m.conversation_id join customer_identities i on i.customer_id = c.customer_id and i.channel = 'wechat' where i.external_id = $1`,
          [from],
        )
      ).rows[0]!.n,
    )

  beforeAll(async () => {
    rt = await testRuntime(kind, { config: { SEED_DEMO: 'true' } })
    plain = wechatDriver({ safeMode: false })
    await plain.start(rt)
    safe = wechatDriver({ safeMode: true })
    await safe.start(rt)
  })
  afterAll(async () => {
    await plain?.stop()
    await safe?.stop()
    await rt?.close()
  })

  /** A plain-mode query signed the way WeChat signs it. */
  const signed = (timestamp: number, nonce = String(randomInt(1e9, 1e10))) => {
    const ts = String(timestamp)
    return new URLSearchParams({ signature: wechatSignature(WECHAT_TEST.token, ts, nonce), timestamp: ts, nonce })
  }
  const post = (driver: WechatDriver, q: URLSearchParams, body: string) =>
    fetch(`${driver.url()}/wechat?${q}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body })

  it('refuses a correctly signed query whose timestamp is 400 days old, or 10 minutes ahead; nothing stored', async () => {
    for (const ts of [nowSec() - 400 * 86_400, nowSec() + 600]) {
      const from = openid()
      const res = await post(plain, signed(ts), text(from, '怎么退货'))
      expect(res.status).toBe(401)
      expect(await stored(from)).toBe(0)
    }
  })

  it('refuses a captured query reused with another body and another FromUserName', async () => {
    const q = signed(nowSec())
    const victim = openid()
    const first = await post(plain, q, text(victim, '怎么退货'))
    expect(first.status).toBe(200)
    expect(await stored(victim)).toBe(2) // the question and its answer

    const impostor = openid()
    const replayed = await post(plain, q, text(impostor, '转人工，我要改收货地址'))
    expect(replayed.status).toBe(401)
    expect(((await replayed.json()) as any).error.message).toMatch(/nonce already used/)
    expect(await stored(impostor)).toBe(0)
  })

  it("still takes WeChat's own retry: the same query with the same body is answered once", async () => {
    const q = signed(nowSec())
    const from = openid()
    const body = text(from, '怎么开发票')
    const first = await post(plain, q, body)
    expect(first.status).toBe(200)
    const answer = (await first.text()).match(/<Content><!\[CDATA\[([\s\S]*?)\]\]><\/Content>/)?.[1]
    expect(answer).toBeTruthy()
    // The retry is not a replay: it gets the same stored answer again (a lost passive reply is not lost), nothing new is stored.
    const retry = await post(plain, q, body)
    expect(retry.status).toBe(200)
    expect(await retry.text()).toContain(answer)
    expect(await stored(from)).toBe(2)
  })

  it('safe mode: a stale msg_signature is refused too', async () => {
    const ts = String(nowSec() - 3600)
    const nonce = String(randomInt(1e9, 1e10))
    const from = openid()
    const encrypt = encryptMessage(WECHAT_TEST.aesKey, text(from, '怎么退货'), WECHAT_TEST.appId)
    const q = new URLSearchParams({
      signature: wechatSignature(WECHAT_TEST.token, ts, nonce),
      timestamp: ts,
      nonce,
      encrypt_type: 'aes',
      msg_signature: wechatSignature(WECHAT_TEST.token, ts, nonce, encrypt),
    })
    const res = await post(safe, q, buildWechatXml({ ToUserName: WECHAT_TEST.account, Encrypt: encrypt }))
    expect(res.status).toBe(401)
    expect(await stored(from)).toBe(0)
  })
})
