import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../bot/runtime.ts'
import { adminModule } from '../../admin/module.ts'
import { panelModule } from '../../admin/panel/module.ts'
import { conversationsModule } from '../../bot/conversations/module.ts'
import { say } from '../../bot/turn/phrases.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { webchatModule } from '../../adapters/webchat/module.ts'
import { greetNewMember } from '../../adapters/teams/greet.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { customer } from '../support/customers.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'
import { seedKnowledge } from '../support/knowledge.ts'

describe.each(DB_KINDS)('channel settings changed at run time on %s', (kind) => {
  let rt: Runtime
  let client: TestClient
  let admin: Awaited<ReturnType<TestClient['loginAs']>>
  const put = async (body: unknown, headers = admin.headers) => {
    const res = await client.app.request('/api/v1/panel/settings', { method: 'PUT', headers, body: JSON.stringify(body) })
    return { status: res.status, body: (await res.json()) as any }
  }
  const status = async (conversationId: number) =>
    (await rt.db.query<{ status: string }>('select status from conversations where id = $1', [conversationId])).rows[0]!.status
  const feedbackButtons = (r: { replies: { buttons: { payload: string }[] }[] }) =>
    r.replies.flatMap((m) => m.buttons).filter((b) => b.payload.startsWith('fb:'))

  beforeAll(async () => {
    rt = await testRuntime(kind)
    for (const m of [knowledgeModule, conversationsModule]) await m.prepare!(rt)
    expect(await seedKnowledge(rt)).toBeGreaterThan(30)
    client = testApp(rt, [knowledgeModule, conversationsModule, webchatModule, panelModule, adminModule])
    admin = await client.loginAs('admin')
  })
  afterAll(async () => rt?.close())

  it('sends every message on one channel to people from the next turn, and back', async () => {
    const tg = customer(rt, undefined, 'telegram')
    const answered = await tg.say('怎麼退貨')
    expect(answered.replies[0]).toMatchObject({ kind: 'answer', kbEntryId: 'demo-return' })

    expect((await put({ 'channels.telegram': { handling: 'people' } })).status).toBe(200)
    const queued = await customer(rt, undefined, 'telegram').say('怎麼退貨')
    expect(queued.replies.map((r) => r.kind)).toEqual(['queue'])
    expect(await status(queued.conversationId)).toBe('waiting')
    const reason = await rt.db.query<{ handoff_reason: string }>('select handoff_reason from conversations where id = $1', [queued.conversationId])
    expect(reason.rows[0]!.handoff_reason).toBe('channel_people')
    // A hello is still greeted before the queue; other channels keep their bot.
    const hello = await customer(rt, undefined, 'telegram').say('你好')
    expect(hello.replies.map((r) => r.kind)).toEqual(['greeting', 'queue'])
    expect((await customer(rt, undefined, 'webchat').say('怎麼退貨')).replies[0]!.kind).toBe('answer')

    const audit = await rt.db.query<{ data: any }>(
      `select data from audit_events where action = 'settings.changed' and subject_id = 'channels.telegram' order by id desc limit 1`,
    )
    expect(audit.rows[0]!.data.value).toMatchObject({ handling: 'people', answerFeedback: true })

    await put({ 'channels.telegram': { handling: 'bot' } })
    expect((await customer(rt, undefined, 'telegram').say('怎麼退貨')).replies[0]!.kind).toBe('answer')
  })

  it("greets with the admin's welcome on that channel only, in the customer's language", async () => {
    await put({
      'channels.wechat': { greeting: { zh: '欢迎关注小店！有问题直接留言。', en: 'Welcome to our shop!' } },
      'channels.teams': { greeting: { zh: 'Teams 专属欢迎语', en: '' } },
    })
    expect((await customer(rt, undefined, 'wechat').say('你好')).replies[0]!.text).toBe('欢迎关注小店！有问题直接留言。')
    expect((await customer(rt, undefined, 'wechat').say('hello')).replies[0]!.text).toBe('Welcome to our shop!')
    expect((await customer(rt, undefined, 'webchat').say('你好')).replies[0]!.text).toBe(say('greeting', 'zh'))

    // Teams greets a new member itself; an empty English welcome falls back to the built-in one.
    expect(await greetNewMember(rt, { id: 'teams-user-1', name: 'Li' }, { serviceUrl: 'https://smba.example/' })).toBe(true)
    const greeted = await rt.db.query<{ text: string }>(
      `select m.text from messages m join conversations c on c.id = m.conversation_id join customer_identities i on i.customer_id = c.customer_id
        where i.channel = 'teams' and i.external_id = 'teams-user-1' and m.kind = 'greeting'`,
    )
    expect(greeted.rows.map((r) => r.text)).toEqual(['Teams 专属欢迎语']) // a new customer is greeted in the default language, zh
  })

  it('hides 👍 / 👎 on one channel only', async () => {
    expect(feedbackButtons(await customer(rt, undefined, 'webchat').say('怎麼退貨'))).toHaveLength(2)
    await put({ 'channels.webchat': { answerFeedback: false } })
    expect(feedbackButtons(await customer(rt, undefined, 'webchat').say('怎麼退貨'))).toHaveLength(0)
    expect(feedbackButtons(await customer(rt, undefined, 'telegram').say('怎麼退貨'))).toHaveLength(2)
    await put({ 'channels.webchat': { answerFeedback: true } })
  })

  it("shows the web chat's title, subtitle, colour and welcome on the next page load", async () => {
    expect(await (await client.app.request('/?lang=zh')).text()).toContain('在线客服')
    await put({
      'channels.webchat': {
        title: { zh: '小店客服', en: 'Shop help' },
        subtitle: { zh: '工作日 9–18 点有人工', en: '' },
        accent: '#0b6bcb',
        greeting: { zh: '欢迎光临！', en: 'Hi there!' },
      },
    })
    const zh = await (await client.app.request('/?lang=zh')).text()
    expect(zh).toContain('<title>小店客服</title>')
    expect(zh).toContain('工作日 9–18 点有人工')
    expect(zh).toContain('data-accent="#0b6bcb"')
    expect(zh).toMatch(/data-welcome[^>]*>[\s\S]*欢迎光临！/)
    const en = await (await client.app.request('/?lang=en')).text()
    expect(en).toContain('<title>Shop help</title>')
    expect(en).toContain('Our assistant is here around the clock') // empty = the built-in subtitle
    expect(en).toContain('Hi there!')
  })

  it('refuses bad values with the field named, saving none of the request', async () => {
    const before = (await (await client.app.request('/api/v1/panel/settings', { headers: admin.headers })).json()) as any
    const bad = [
      { 'channels.webchat': { accent: '#ffee00' } }, // too light for white text
      { 'channels.webchat': { accent: 'red' } },
      { 'channels.telegram': { handling: 'nobody' } },
      { 'channels.wechat': { greeting: { zh: '好'.repeat(501) } } },
      { 'channels.webchat': { title: { en: 'x'.repeat(41) } } },
      { 'channels.sms': { handling: 'bot' } },
      { 'channels.teams': { greeting: { zh: '改了' } }, 'channels.telegram': { answerFeedback: 'yes' } },
    ]
    for (const body of bad) {
      const r = await put(body)
      expect(r.status, JSON.stringify(body).slice(0, 60)).toBe(400)
      expect(r.body.error.details.issues.length).toBeGreaterThan(0)
    }
    expect((await put({ 'channels.webchat': { accent: '#ffee00' } })).body.error.details.issues[0]).toMatchObject({
      path: 'channels.webchat.accent',
      message: expect.stringMatching(/too light/),
    })
    const after = (await (await client.app.request('/api/v1/panel/settings', { headers: admin.headers })).json()) as any
    expect(after).toEqual(before)

    const supervisor = await client.loginAs('supervisor')
    expect((await put({ 'channels.telegram': { handling: 'people' } }, supervisor.headers)).status).toBe(403)
  })
})
