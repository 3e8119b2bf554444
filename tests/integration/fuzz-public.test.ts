// Property-based fuzzing of the public endpoints (issue 15) with fast-check, against the real
// app on PostgreSQL: the web chat API, /wechat in plain and safe mode, /telegram/webhook and
// Teams' /api/messages. Arbitrary bodies, headers, query strings and content types; unicode
// with NUL, lone surrogates and full-width forms; huge sizes; and requests that pass the
// channel's signature or secret with a hostile payload inside. Properties: never a 5xx, and a
// refused request (4xx) stores nothing (rows counted before and after each one).
// FUZZ_RUNS sets the inputs per endpoint (default 60: under a minute); `npm run fuzz` runs
// many more (docs/BENCHMARKS.md says how many it tried and what it found).
import { randomInt } from 'node:crypto'
import fc from 'fast-check'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTeamsModule } from '../../adapters/teams/module.ts'
import { createTelegramModule } from '../../adapters/telegram/module.ts'
import { webchatModule } from '../../adapters/webchat/module.ts'
import { encryptMessage } from '../../adapters/wechat-oa/crypto.ts'
import { createWechatOaModule } from '../../adapters/wechat-oa/module.ts'
import { wechatSignature } from '../../adapters/wechat-oa/verify.ts'
import { buildWechatXml } from '../../adapters/wechat-oa/xml.ts'
import type { Services } from '../../bot/context.ts'
import { conversationsModule } from '../../bot/conversations/module.ts'
import { createApp, type AppModule } from '../../bot/http/app.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { TEST_BOT_TOKEN, TEST_WEBHOOK_SECRET } from '../support/channels/telegram.ts'
import { WECHAT_TEST } from '../support/channels/wechat.ts'
import { testRuntime } from '../support/services.ts'

const RUNS = Number(process.env.FUZZ_RUNS ?? 60)
const TIMEOUT = Math.max(120_000, RUNS * 2_000)

// ── what hostile input is made of ───────────────────────────────────────────────────────────
const lone = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c))
const nasty = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFFx',
  'ｒｅｔｕｒｎ　退货？',
  '\u202Eevil\u202C',
  '\uFEFF',
  '<script>alert(1)</script>',
  "' or 1=1 --",
  ']]><x>',
  '%00%ff',
  '\\u0000',
  '转人工',
  '👨‍👩‍👧‍👦',
  '\r\n\r\n',
)
const big = fc.constantFrom('退'.repeat(5_000), 'a'.repeat(70_000), 'x'.repeat(1_200_000))
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 3, arbitrary: fc.array(fc.oneof(nasty, lone, fc.string({ unit: 'grapheme', maxLength: 20 })), { maxLength: 8 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: big },
)
const anyJson = fc.jsonValue({ maxDepth: 4 })
const contentType = fc.constantFrom(
  'application/json',
  'text/xml',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/json; charset=utf-16',
  '',
)
/** A body: free text, any JSON, raw bytes, or the given shaped payload. */
const bodyOf = (shaped: fc.Arbitrary<unknown>) =>
  fc.oneof(
    text,
    anyJson.map((v) => JSON.stringify(v)),
    fc.uint8Array({ maxLength: 300 }),
    { weight: 4, arbitrary: shaped.map((v) => JSON.stringify(v)) },
  )
const id = fc.oneof(fc.integer(), fc.double(), text, fc.constant(null), fc.bigInt().map(String))
const query = fc.dictionary(
  fc.oneof(fc.constantFrom('token', 'signature', 'timestamp', 'nonce', 'openid', 'echostr', 'encrypt_type', 'msg_signature'), text),
  text,
  {
    maxKeys: 4,
  },
)

interface Req {
  method?: string
  path: string
  query?: Record<string, string>
  headers?: Record<string, string>
  body?: string | Uint8Array
}

describe('fuzzing the public endpoints', () => {
  let rt: Runtime
  let app: Hono<AppEnv>
  let safeApp: Hono<AppEnv>
  let visitorToken: string

  beforeAll(async () => {
    rt = await testRuntime('postgres', {
      config: {
        SEED_DEMO: 'true',
        WEBCHAT_LIMIT_SESSIONS_PER_IP: 'off',
        WEBCHAT_LIMIT_MESSAGES_PER_VISITOR: 'off',
        WEBCHAT_LIMIT_MESSAGES_PER_IP: 'off',
        WEBCHAT_LIMIT_READS_PER_IP: 'off',
      },
    })
    const settings = {
      TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
      TELEGRAM_MODE: 'webhook' as const,
      TELEGRAM_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
      TEAMS_AUTH: 'off' as const,
    }
    const services: Services = { ...rt, config: { ...rt.config, ...settings } }
    const build = async (wechat: AppModule) => {
      const modules = [knowledgeModule, conversationsModule, webchatModule, createTelegramModule(), createTeamsModule(), wechat]
      for (const m of modules) await m.prepare?.(services)
      return createApp(services, modules)
    }
    const wechat = { ...WECHAT_TEST, apiBase: 'http://127.0.0.1:9', replyTimeoutMs: 4000 }
    app = await build(createWechatOaModule({ ...wechat, aesKey: undefined }))
    safeApp = await build(createWechatOaModule(wechat))
    const session = await app.request('/webchat/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    visitorToken = ((await session.json()) as { token: string }).token
  })
  /** Answers per endpoint and status, printed at the end: what the inputs reached. */
  const tally = new Map<string, number>()
  afterAll(async () => {
    const total = [...tally.values()].reduce((a, b) => a + b, 0)
    console.info(`[fuzz] ${total} requests; by endpoint and status: ${JSON.stringify(Object.fromEntries([...tally].sort()))}`)
    await rt?.close()
  })

  const rows = async () =>
    (
      await rt.db.query<{ n: string }>(
        `select (select count(*) from messages) || '/' || (select count(*) from conversations) || '/' || (select count(*) from customers)
                || '/' || (select count(*) from customer_identities) || '/' || (select count(*) from tickets) as n`,
      )
    ).rows[0]!.n

  /** Send one request; no 5xx, and nothing stored when it was refused. */
  async function check(target: Hono<AppEnv>, r: Req) {
    const before = await rows()
    const qs = r.query ? `?${new URLSearchParams(r.query)}` : ''
    const res = await target.request(`${r.path}${qs}`, { method: r.method ?? 'POST', headers: r.headers, body: r.body as BodyInit | undefined })
    const answer = await res.text()
    const key = `${r.method ?? 'POST'} ${r.path} ${res.status}`
    tally.set(key, (tally.get(key) ?? 0) + 1)
    const shown = `${r.method ?? 'POST'} ${r.path}${qs.slice(0, 200)} → ${res.status} ${answer.slice(0, 300)}`
    expect(res.status, shown).toBeLessThan(500)
    if (res.status >= 400) expect(await rows(), `stored something from a refused request: ${shown}`).toBe(before)
  }

  const run = (prop: fc.IAsyncPropertyWithHooks<any>) => fc.assert(prop, { numRuns: RUNS, endOnFailure: true })

  it('answers the inputs the long fuzz run found giving 500 with a 4xx or an answer, and stores nothing when refusing', async () => {
    const web = { authorization: `Bearer ${visitorToken}`, 'content-type': 'application/json' }
    // Lone surrogates (JSON escapes): PostgreSQL refused them in text and jsonb.
    const post = {
      id: 'fffffff7-e788-5281-805f-1dbb049170fa',
      text: '\u202eevil\u202c\ud9df\ud86d\ud83e\udd14',
      payload: '\udb04\ud806<script>alert(1)</script>',
    }
    await check(app, { path: '/webchat/api/messages', headers: web, body: JSON.stringify(post) })
    // A Teams activity id longer than an index row holds.
    const activity = {
      type: 'message',
      id: '退'.repeat(5000),
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/amer/',
      text: '你好',
      from: { id: '29:fuzz' },
      recipient: { id: '28:bot' },
      conversation: { id: 'a:fuzz' },
    }
    await check(app, { path: '/api/messages', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) })
  })

  it(
    'the web chat API',
    async () => {
      const post = fc.record({ id: fc.oneof(fc.uuid(), text), text, payload: fc.option(text, { nil: undefined }) }, { requiredKeys: [] })
      await run(
        fc.asyncProperty(
          fc.constantFrom('/webchat/api/messages', '/webchat/api/session', '/webchat/api/history'),
          fc.oneof(fc.constant(visitorToken), text, fc.constant(undefined)),
          contentType,
          bodyOf(post),
          query,
          async (path, token, type, body, q) => {
            const headers: Record<string, string> = { 'content-type': type }
            if (token !== undefined) headers.authorization = `Bearer ${token.replace(/[^\x20-\x7e]/g, '')}`
            await check(app, path.endsWith('history') ? { method: 'GET', path, headers, query: q } : { path, headers, body })
          },
        ),
      )
    },
    TIMEOUT,
  )

  const wechatFields = fc.record(
    {
      ToUserName: fc.oneof(fc.constant(WECHAT_TEST.account), text),
      FromUserName: fc.oneof(fc.constant('oFuzzCustomer0000000000001'), text),
      CreateTime: fc.oneof(fc.integer({ min: 0 }), text),
      MsgType: fc.oneof(fc.constantFrom('text', 'image', 'voice', 'video', 'location', 'link', 'event', 'shortvideo'), text),
      Content: text,
      MsgId: fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 63n }).map(String), text),
      Event: fc.oneof(fc.constantFrom('subscribe', 'unsubscribe', 'CLICK'), text),
      PicUrl: text,
      MediaId: text,
    },
    { requiredKeys: [] },
  )
  const hostileXml = fc.oneof(
    wechatFields.map((f) => buildWechatXml(f as Record<string, string | number>)),
    text,
    fc.constantFrom(
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Content>&e;</Content></xml>',
      `<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><xml><Content>&c;</Content></xml>`,
      '<xml><xml><xml>',
      '<xml><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[a]]]]><![CDATA[>]]></Content></xml>',
    ),
  )
  /** A query WeChat would send: signed right (or not), fresh (or not), with extra hostile fields. */
  const wechatQuery = (encrypt?: string) =>
    fc.record({ signed: fc.boolean(), fresh: fc.boolean(), extra: query }).map(({ signed, fresh, extra }) => {
      const timestamp = String(Math.floor(Date.now() / 1000) - (fresh ? 0 : 86_400 * 400))
      const nonce = String(randomInt(1e9, 1e10))
      const q: Record<string, string> = { ...extra, timestamp, nonce, openid: 'oFuzzCustomer0000000000001' }
      q.signature = signed ? wechatSignature(WECHAT_TEST.token, timestamp, nonce) : (extra.signature ?? '0'.repeat(40))
      if (encrypt != null) {
        q.encrypt_type = 'aes'
        q.msg_signature = signed ? wechatSignature(WECHAT_TEST.token, timestamp, nonce, encrypt) : (extra.msg_signature ?? 'x')
      }
      return q
    })

  it(
    '/wechat in plain mode, signed and unsigned',
    async () => {
      await run(
        fc.asyncProperty(fc.oneof(hostileXml, fc.uint8Array({ maxLength: 300 })), contentType, wechatQuery(), fc.boolean(), async (body, type, q, get) => {
          await check(app, get ? { method: 'GET', path: '/wechat', query: q } : { path: '/wechat', query: q, headers: { 'content-type': type }, body })
        }),
      )
    },
    TIMEOUT,
  )

  it(
    '/wechat in safe mode: hostile XML encrypted with the right key and signed, and hostile ciphertext',
    async () => {
      const encrypted = fc.oneof(
        hostileXml.map((xml) => encryptMessage(WECHAT_TEST.aesKey, xml, WECHAT_TEST.appId)),
        hostileXml.map((xml) => encryptMessage(WECHAT_TEST.aesKey, xml, 'wxSomeoneElse')),
        fc.base64String({ maxLength: 400 }),
        text,
      )
      await run(
        fc.asyncProperty(
          encrypted.chain((enc) => fc.tuple(fc.constant(enc), wechatQuery(enc))),
          contentType,
          async ([encrypt, q], type) => {
            await check(safeApp, {
              path: '/wechat',
              query: q,
              headers: { 'content-type': type },
              body: buildWechatXml({ ToUserName: WECHAT_TEST.account, Encrypt: encrypt }),
            })
          },
        ),
      )
    },
    TIMEOUT,
  )

  it(
    '/telegram/webhook with and without the secret',
    async () => {
      const user = fc.record({ id, is_bot: fc.oneof(fc.boolean(), text), first_name: text, username: text }, { requiredKeys: [] })
      const message = fc.record(
        {
          message_id: id,
          date: id,
          from: user,
          chat: fc.record({ id, type: fc.oneof(fc.constantFrom('private', 'group', 'supergroup', 'channel'), text) }, { requiredKeys: [] }),
          text,
          caption: text,
          photo: fc.array(fc.record({ file_id: text, width: id, height: id }), { maxLength: 2 }),
          sticker: fc.record({ file_id: text, emoji: text }),
        },
        { requiredKeys: [] },
      )
      const update = fc.record(
        {
          update_id: id,
          message,
          edited_message: message,
          callback_query: fc.record({ id: text, from: user, data: text, message }, { requiredKeys: [] }),
          my_chat_member: anyJson,
        },
        { requiredKeys: [] },
      )
      await run(
        fc.asyncProperty(bodyOf(update), contentType, fc.oneof(fc.constant(TEST_WEBHOOK_SECRET), text), async (body, type, secret) => {
          const headers = { 'content-type': type, 'x-telegram-bot-api-secret-token': secret.replace(/[^\x20-\x7e]/g, '') }
          await check(app, { path: '/telegram/webhook', headers, body })
        }),
      )
    },
    TIMEOUT,
  )

  it(
    "Teams' /api/messages (authentication off, so the payload reaches the parser)",
    async () => {
      const account = fc.record({ id: text, name: text, aadObjectId: text }, { requiredKeys: [] })
      const activity = fc.record(
        {
          type: fc.oneof(fc.constantFrom('message', 'conversationUpdate', 'invoke', 'messageReaction', 'installationUpdate'), text),
          id: text,
          channelId: fc.oneof(fc.constant('msteams'), text),
          serviceUrl: fc.oneof(fc.webUrl(), text),
          text,
          from: account,
          recipient: account,
          conversation: fc.record({ id: text, conversationType: text, tenantId: text }, { requiredKeys: [] }),
          membersAdded: fc.array(account, { maxLength: 3 }),
          value: anyJson,
          attachments: fc.array(fc.record({ contentType: text, content: anyJson }), { maxLength: 2 }),
        },
        { requiredKeys: [] },
      )
      await run(
        fc.asyncProperty(bodyOf(activity), contentType, fc.oneof(fc.constant(undefined), text), async (body, type, auth) => {
          const headers: Record<string, string> = { 'content-type': type }
          if (auth) headers.authorization = auth.replace(/[^\x20-\x7e]/g, '')
          await check(app, { path: '/api/messages', headers, body })
        }),
      )
    },
    TIMEOUT,
  )
})
