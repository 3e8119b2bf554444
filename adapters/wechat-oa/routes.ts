/**
 * The Official Account webhook, /wechat. GET: WeChat checks the URL (signature → echo
 * echostr). POST: verify (signature, then freshness and nonce: replay.ts) → parse → normalise → the bot's turn (de-duplicated on MsgId) →
 * a passive reply or "success". In safe mode (encrypt_type=aes) the message arrives
 * encrypted and the reply goes back encrypted and signed.
 */
import { randomInt } from 'node:crypto'
import type { Context, Hono } from 'hono'
import type { Services } from '../../bot/context.ts'
import { Forbidden, Unauthorized } from '../../bot/errors.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import type { WechatOaConfig } from './config.ts'
import { decryptMessage, encryptMessage } from './crypto.ts'
import { withStoredFile } from '../../bot/media/fetchInbound.ts'
import type { WechatApi } from './api.ts'
import { parseWechatMessage, toInbound, type WechatMessage } from './inbound.ts'
import { claimNonce, checkFresh } from './replay.ts'
import { turnWithPassiveReply } from './passive.ts'
import { checkMsgSignature, checkSignature, wechatSignature, type SignedQuery } from './verify.ts'
import { buildWechatXml, parseWechatXml } from './xml.ts'
import { describeRoute } from '../../bot/http/api.ts'

const XML_TYPE = 'application/xml; charset=utf-8'

/** Verify and open a safe-mode body: msg_signature over Encrypt, then decrypt with our key and check the AppID. */
function openSafe(cfg: WechatOaConfig, q: SignedQuery, body: string): WechatMessage {
  if (!cfg.aesKey) throw new Forbidden('WeChat sent an encrypted message, but WECHAT_ENCODING_AES_KEY is not set.')
  const outer = parseWechatXml(body)
  const encrypt = typeof outer.Encrypt === 'string' ? outer.Encrypt : ''
  checkMsgSignature(cfg.token, q, encrypt)
  if (q.signature) checkSignature(cfg.token, q)
  const { xml, appId } = decryptMessage(cfg.aesKey, encrypt)
  if (appId !== cfg.appId) throw new Unauthorized('The encrypted WeChat message is for another AppID.')
  return parseWechatMessage(parseWechatXml(xml))
}

/** The reply envelope of safe mode: Encrypt plus its signature, timestamp and nonce. */
function seal(cfg: WechatOaConfig & { aesKey: string; appId: string }, xml: string, now: Date): string {
  const encrypt = encryptMessage(cfg.aesKey, xml, cfg.appId)
  const timestamp = String(Math.floor(now.getTime() / 1000))
  const nonce = String(randomInt(1e9, 1e10))
  return buildWechatXml({ Encrypt: encrypt, MsgSignature: wechatSignature(cfg.token, timestamp, nonce, encrypt), TimeStamp: Number(timestamp), Nonce: nonce })
}

export function wechatRoutes(app: Hono<AppEnv>, services: Services, cfg: WechatOaConfig, api: WechatApi | null) {
  describeRoute(app, {
    method: 'get',
    path: '/wechat',
    role: 'public',
    summary: "WeChat's server check (signature, echostr)",
    tag: 'channels',
    produces: 'text/plain',
  })
  app.get('/wechat', (c) => {
    checkSignature(cfg.token, c.req.query())
    return c.text(c.req.query('echostr') ?? '')
  })

  describeRoute(app, {
    method: 'post',
    path: '/wechat',
    role: 'public',
    summary: 'WeChat Official Account messages (signed XML, plain or safe mode); the passive reply',
    tag: 'channels',
    produces: 'application/xml',
  })
  app.post('/wechat', async (c: Context<AppEnv>) => {
    const q = c.req.query()
    const safe = q.encrypt_type === 'aes'
    if (!safe) checkSignature(cfg.token, q) // before reading anything: a forged call stops here
    checkFresh(q, services.clock.now(), cfg.signatureWindowSec)
    const body = await c.req.text()
    const msg = safe ? openSafe(cfg, q, body) : parseWechatMessage(parseWechatXml(body))
    // After the signature (only WeChat's calls are remembered) and parsing (a malformed body is a 400, not a spent nonce).
    await claimNonce(services.db, q, body, services.clock.now(), cfg.signatureWindowSec)
    const said = toInbound(msg)
    if (!said) return c.text('success')
    // A photo or voice is fetched by its MediaId (needs the AppSecret); the message is kept either way.
    const maxBytes = services.config.MEDIA_MAX_MB * 1048576
    const media = await withStoredFile(services, said.media, async (m) => (m.ref && api ? api.getMedia(m.ref, maxBytes) : null))
    const input = media ? { ...said, media } : said
    const text = await turnWithPassiveReply(services, cfg, input)
    if (text === null) return c.text('success')
    const now = services.clock.now()
    const xml = buildWechatXml({
      ToUserName: msg.FromUserName,
      FromUserName: msg.ToUserName,
      CreateTime: Math.floor(now.getTime() / 1000),
      MsgType: 'text',
      Content: text,
    })
    c.header('Content-Type', XML_TYPE)
    // The config refuses safe mode without an AppID, so both are set here.
    return c.body(safe ? seal({ ...cfg, aesKey: cfg.aesKey!, appId: cfg.appId! }, xml, now) : xml)
  })
}
