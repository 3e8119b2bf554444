import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../bot/http/app.ts'
import { appSecret } from '../../bot/appSecret.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { createWebchatModule } from '../../adapters/webchat/module.ts'
import { newVisitorId, signVisitorToken } from '../../adapters/webchat/verify.ts'
import { demoKnowledge } from '../../knowledge/demo/demoKnowledge.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'
import { visitor } from './webchatClient.ts'

const returnAnswer = demoKnowledge.find((e) => e.id === 'demo-return')!.answer

describe.each(DB_KINDS)('web chat API on %s', (kind) => {
  let rt: Runtime
  let app: ReturnType<typeof createApp>
  let v: ReturnType<typeof visitor>
  let token: string

  beforeAll(async () => {
    rt = await testRuntime(kind, { config: { SEED_DEMO: 'true' } })
    await knowledgeModule.prepare!(rt) // seeds and indexes the demo knowledge base
    app = createApp(rt, [knowledgeModule, createWebchatModule()])
    v = visitor(app)
    token = (await v.session()).body.token
  })
  afterAll(async () => rt?.close())

  it('issues a visitor token, and refreshes a valid one for the same visitor', async () => {
    const first = await v.session()
    expect(first.status).toBe(200)
    expect(first.body.visitorId).toMatch(/^v_/)
    const again = await v.session(first.body.token)
    expect(again.body.visitorId).toBe(first.body.visitorId)
    expect((await v.session()).body.visitorId).not.toBe(first.body.visitorId)
  })

  it('answers 401 to a forged, expired, unknown or missing token on every route', async () => {
    const secret = await appSecret(rt)
    const forged = signVisitorToken('not-our-secret-but-long-enough-000000', { visitorId: newVisitorId(), issuedAt: new Date() })
    const expired = signVisitorToken(secret, { visitorId: newVisitorId(), issuedAt: new Date(Date.now() - 31 * 86_400_000) })
    for (const bad of [forged, expired, 'v1.v_nope.1.nope', token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA')]) {
      expect((await v.session(bad)).status).toBe(401)
      expect((await v.send(bad, '你好')).status).toBe(401)
      expect((await v.history(bad)).status).toBe(401)
      expect((await v.stream(bad)).status).toBe(401)
    }
    const none = await app.request('/webchat/api/messages', { method: 'POST', body: JSON.stringify({ id: randomUUID(), text: 'hi' }) })
    expect(none.status).toBe(401)
    expect(((await none.json()) as any).error.requestId).toBeTruthy()
  })

  it('answers a FAQ question with the knowledge base answer', async () => {
    const r = await v.send(token, '怎么退货')
    expect(r.status).toBe(200)
    expect(r.body.replies).toEqual([expect.objectContaining({ from: 'bot', kind: 'answer', text: returnAnswer })])
    expect(r.body.message).toEqual({ id: expect.any(Number), clientId: expect.any(String) })
  })

  it('answers a message posted twice with the same id once', async () => {
    const t = (await v.session()).body.token
    const id = randomUUID()
    const first = await v.send(t, '运费怎么算', { id })
    const retry = await v.send(t, '运费怎么算', { id })
    expect(first.body).toMatchObject({ duplicate: false, replies: [expect.anything()] })
    expect(retry.body).toMatchObject({ duplicate: true, replies: [], conversationId: first.body.conversationId })
    expect(retry.body.message.id).toBe(first.body.message.id)
    const h = (await v.history(t)).body.messages
    expect(h.map((m: any) => m.from)).toEqual(['customer', 'bot'])
    expect(h[0]).toMatchObject({ text: '运费怎么算', clientId: id })
  })

  it('refuses an empty message with words for the customer, in their language', async () => {
    const zh = await v.send(token, '   ')
    expect(zh.status).toBe(400)
    expect(zh.body.error).toMatchObject({ code: 'message_empty', message: '请输入您的问题后再发送。' })
    const en = await visitor(app, 'en').send(token, '')
    expect(en.body.error.message).toBe('Please type a message before sending.')
  })

  it('refuses 2,001 characters and accepts 2,000', async () => {
    const long = await v.send(token, '退'.repeat(2001))
    expect(long.status).toBe(400)
    expect(long.body.error).toMatchObject({ code: 'message_too_long', details: { limit: 2000, length: 2001 } })
    expect(long.body.error.message).toContain('2000 字以内')
    expect((await v.send(token, '退'.repeat(2000))).status).toBe(200)
  })

  it('gives HTML a customer typed back as the same text, never altered or interpreted', async () => {
    const t = (await v.session()).body.token
    const html = '<img src=x onerror="alert(1)"><script>alert(2)</script> 我的订单'
    await v.send(t, html)
    const h = (await v.history(t)).body.messages
    expect(h[0]).toMatchObject({ from: 'customer', text: html })
  })

  it('serves the chat page in zh and en, and the embed script', async () => {
    const zh = await app.request('/', { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } })
    expect(await zh.text()).toContain('<title>在线客服</title>')
    const en = await (await app.request('/?lang=en&embed=1')).text()
    expect(en).toContain('<title>Online service</title>')
    expect(en).toContain('class="embed"')
    // The embed script keeps its URL and a short cache; it loads the button from a hashed URL cached for good.
    const js = await app.request('/webchat/widget.js')
    expect(js.headers.get('content-type')).toContain('javascript')
    expect(js.headers.get('cache-control')).toBe('public, max-age=300')
    const button = (await js.text()).match(/\/webchat\/assets\/widgetButton\.\w+\.js/)?.[0]
    expect(button).toBeTruthy()
    const buttonJs = await app.request(button!)
    expect(buttonJs.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(await buttonJs.text()).toContain('/?embed=1')
    const chatJs = en.match(/src="(\/webchat\/assets\/chat\.\w+\.js)"/)?.[1]
    expect((await app.request(chatJs!)).status).toBe(200)
    expect((await app.request('/webchat/assets/chat.js')).status).toBe(404)
    expect((await app.request('/webchat/assets/nope.js')).status).toBe(404)
  })
})
