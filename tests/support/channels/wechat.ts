/**
 * The WeChat Official Account as a ChannelDriver: customers post the XML WeChat documents
 * (signed, and encrypted in safe mode) to /wechat, and receive both what comes back in
 * the HTTP response (passive replies) and what the fake WeChat API was asked to send.
 * Options arrive as numbered text, so pressing one types its number.
 */
import { randomBytes, randomInt } from 'node:crypto'
import type { Runtime } from '../../../bot/runtime.ts'
import { conversationsModule } from '../../../bot/conversations/module.ts'
import { ticketsModule } from '../../../bot/tickets/module.ts'
import { decryptMessage, encryptMessage } from '../../../adapters/wechat-oa/crypto.ts'
import { startFakeWechatApi, type FakeWechatApi } from './fake-wechat-api.ts'
import { createWechatOaModule } from '../../../adapters/wechat-oa/module.ts'
import { wechatSignature } from '../../../adapters/wechat-oa/verify.ts'
import { buildWechatXml, parseWechatXml } from '../../../adapters/wechat-oa/xml.ts'
import { knowledgeModule } from '../../../knowledge/module.ts'
import { serveForTest } from '../server.ts'
import type { ChannelDriver, CustomerOnChannel } from './driver.ts'
import { textInbox } from './textInbox.ts'

export const WECHAT_TEST = {
  token: 'kefutest',
  appId: 'wx2c2769f8efd9abc2',
  appSecret: 'test-app-secret',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  account: 'gh_kefu_test',
}

export interface WechatDriver extends ChannelDriver {
  api: () => FakeWechatApi
  url: () => string
  /** One customer who also exposes the raw exchange, for protocol tests. */
  newCustomer(): Promise<CustomerOnChannel & { openid: string; post(fields: Record<string, string | number>): Promise<Response> }>
}

export function wechatDriver(opts: { safeMode?: boolean; replyTimeoutMs?: number } = {}): WechatDriver {
  const safe = opts.safeMode ?? true
  let server: { url: string; stop(): Promise<void> } | null = null
  let api: FakeWechatApi | null = null
  return {
    channel: 'wechat',
    api: () => api!,
    url: () => server!.url,
    async start(rt: Runtime) {
      api = await startFakeWechatApi(WECHAT_TEST)
      const wechat = createWechatOaModule({
        ...WECHAT_TEST,
        apiBase: api.url,
        replyTimeoutMs: opts.replyTimeoutMs ?? 4000,
        aesKey: safe ? WECHAT_TEST.aesKey : undefined,
      })
      const modules = [knowledgeModule, conversationsModule, ticketsModule, wechat]
      for (const m of modules) await m.prepare?.(rt)
      server = await serveForTest(rt, modules)
    },
    async newCustomer() {
      const openid = `o${randomBytes(14).toString('base64url')}`
      const inbox: string[] = []
      let seenApi = 0
      const post = async (fields: Record<string, string | number>) => {
        const xml = buildWechatXml({ ToUserName: WECHAT_TEST.account, FromUserName: openid, CreateTime: Math.floor(Date.now() / 1000), ...fields })
        const timestamp = String(Math.floor(Date.now() / 1000))
        const nonce = String(randomInt(1e9, 1e10))
        const q = new URLSearchParams({ signature: wechatSignature(WECHAT_TEST.token, timestamp, nonce), timestamp, nonce, openid })
        let body = xml
        if (safe) {
          const encrypt = encryptMessage(WECHAT_TEST.aesKey, xml, WECHAT_TEST.appId)
          q.set('encrypt_type', 'aes')
          q.set('msg_signature', wechatSignature(WECHAT_TEST.token, timestamp, nonce, encrypt))
          body = buildWechatXml({ ToUserName: WECHAT_TEST.account, Encrypt: encrypt })
        }
        // WeChat counts the customer's message before it calls us: 5 customer-service messages may follow.
        api!.customerWrote(openid)
        return fetch(`${server!.url}/wechat?${q}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body })
      }
      const send = async (text: string) => {
        const res = await post({ MsgType: 'text', Content: text, MsgId: String(randomInt(2 ** 47)) })
        if (res.status !== 200) throw new Error(`WeChat webhook refused: ${res.status} ${await res.text()}`)
        const body = await res.text()
        if (body === 'success' || body === '') return
        let reply = parseWechatXml(body)
        if (safe) {
          const { Encrypt, MsgSignature, TimeStamp, Nonce } = reply as Record<string, string>
          if (wechatSignature(WECHAT_TEST.token, String(TimeStamp), String(Nonce), Encrypt!) !== MsgSignature)
            throw new Error('passive reply signature is wrong')
          reply = parseWechatXml(decryptMessage(WECHAT_TEST.aesKey, Encrypt!).xml)
        }
        if (reply.ToUserName !== openid || reply.MsgType !== 'text') throw new Error(`unexpected passive reply ${body}`)
        inbox.push(String(reply.Content))
      }
      return {
        openid,
        post,
        say: send,
        ...textInbox('WeChat', inbox, send, () => {
          for (const m of api!.sent.slice(seenApi)) if (m.touser === openid) inbox.push(m.content)
          seenApi = api!.sent.length
        }),
      }
    },
    async stop() {
      await server?.stop()
      await api?.close()
    },
  }
}
