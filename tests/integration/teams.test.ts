// Microsoft Teams with the Bot Connector played locally: Activities posted to /api/messages,
// everything the bot sends captured by a stand-in Connector. The customer journey with
// Adaptive Card buttons; the welcome on conversationUpdate; redelivery; malformed input;
// the Connector down (retries, then a private note); and authentication switched on.
import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../bot/clock.ts'
import { acceptConversation, closeConversation, sendAgentMessage } from '../../bot/handoff/agentActions.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { setSetting } from '../../bot/settings.ts'
import { createTeamsModule } from '../../adapters/teams/module.ts'
import { demoKnowledge } from '../../knowledge/demo/demoKnowledge.ts'
import { serveChannelApp } from '../support/channels/channelApp.ts'
import { seen, teamsDriver } from '../support/channels/teams.ts'
import { testRuntime } from '../support/services.ts'
import { staff } from './tickets-helpers.ts'

const returnAnswer = demoKnowledge.find((e) => e.id === 'demo-return')!.answer
const conversationOf = async (rt: Runtime, teamsUserId: string) =>
  Number(
    (
      await rt.db.query<any>(
        `select c.id from conversations c join customer_identities i on i.customer_id = c.customer_id and i.channel = 'teams'
      where i.external_id = $1 order by c.id desc limit 1`,
        [teamsUserId],
      )
    ).rows[0].id,
  )
const messageCount = async (rt: Runtime) => Number((await rt.db.query<any>('select count(*) as n from messages')).rows[0].n)

describe('Teams through a local Bot Connector', () => {
  let rt: Runtime
  const clock = new ManualClock()
  const driver = teamsDriver({ requestTimeoutMs: 1000 }) // short: the down test waits it out on every attempt

  beforeAll(async () => {
    rt = await testRuntime('pglite', { config: { SEED_DEMO: 'true' }, clock })
    await driver.start(rt)
    await setSetting(rt.db, { type: 'system', name: 'test' }, 'surveys.delaySec', 0)
  })
  afterAll(async () => {
    await driver.stop()
    await rt?.close()
  })

  it('greets a person who adds the bot, once', async () => {
    const c = await driver.newCustomer()
    expect(await (await c.join()).json()).toMatchObject({ outcome: 'greeted' })
    expect(await (await c.join()).json()).toMatchObject({ outcome: 'ignored' })
    expect((await c.receive(/智能客服小助手/)).buttons).toEqual([])
    await new Promise((r) => setTimeout(r, 500))
    expect(driver.connector.to(c.conversationId)).toHaveLength(1)
  })

  it('greets a person who installs the bot for themselves (membersAdded lists only the bot), once', async () => {
    const c = await driver.newCustomer()
    expect(await (await c.install()).json()).toMatchObject({ outcome: 'greeted' })
    expect(await (await c.install()).json()).toMatchObject({ outcome: 'ignored' })
    expect(await (await c.join()).json()).toMatchObject({ outcome: 'ignored' })
    await c.receive(/智能客服小助手/)
    await new Promise((r) => setTimeout(r, 500))
    expect(driver.connector.to(c.conversationId)).toHaveLength(1)
  })

  it('answers, clarifies with card buttons, hands over, relays the agent, surveys and thanks', async () => {
    const c = await driver.newCustomer()
    await c.say('怎么退货')
    expect(await c.receive(/7 天内/)).toEqual({ text: returnAnswer, buttons: ['👍 有帮助', '👎 没帮助'] })
    await c.say('坏')
    expect((await c.receive(/您是不是想问/)).buttons).toEqual(expect.arrayContaining(['产品坏了怎么报修', '都不是']))
    await c.press('产品坏了怎么报修')
    await c.receive(/报修工单/)

    await c.say('转人工')
    await c.receive(/排在第 \d+ 位/)
    const agent = await staff(rt)
    const convId = await conversationOf(rt, c.userId)
    await acceptConversation({ ctx: agent, id: convId })
    await sendAgentMessage({ ctx: agent, id: convId, text: '您好，我是客服小林，请问订单号是多少？' })
    await c.receive(/客服小林/)
    await closeConversation({ ctx: agent, id: convId })
    expect((await c.receive(/打个分/)).buttons).toEqual(['满意', '基本满意', '不满意'])
    await c.press('满意')
    await c.receive(/感谢您的评价/)

    // The pressed button's label is what the agent reads; the payload is what the bot acted on.
    const pressed = await rt.db.query<any>(`select text, parts from messages where direction = 'in' and text = '满意'`)
    expect(pressed.rows[0].parts.payload).toMatch(/^sv:\d+:/)
    const sent = driver.connector.to(c.conversationId)
    expect(sent.every((s) => s.activity.type === 'message' && s.activity.recipient?.id === c.userId)).toBe(true)
    // The bot's words are Markdown (rendered as Teams markdown); what the agent typed goes as plain text.
    expect(sent.filter((s) => s.activity.text?.includes('客服小林')).map((s) => s.activity.textFormat)).toEqual(['plain'])
    expect(sent.some((s) => s.activity.textFormat === 'markdown')).toBe(true)
    const ids = await rt.db.query<any>(`select platform_message_id from messages m where conversation_id = $1 and direction = 'out' and not is_private`, [
      convId,
    ])
    expect(ids.rows.map((r) => r.platform_message_id)).toEqual(expect.arrayContaining([expect.stringMatching(/^act-\d+$/)]))
  })

  it('answers a redelivered activity once, and refuses malformed input with 400 storing nothing', async () => {
    const c = await driver.newCustomer()
    const activity = { type: 'message', id: 'same-id', text: '怎么退货' }
    expect(await (await c.post(activity)).json()).toMatchObject({ outcome: 'answered' })
    expect(await (await c.post(activity)).json()).toMatchObject({ outcome: 'duplicate' })
    await c.receive(/7 天内/)
    await new Promise((r) => setTimeout(r, 500))
    expect(driver.connector.to(c.conversationId)).toHaveLength(1)

    const before = await messageCount(rt)
    const raw = (body: string) => fetch(`${driver.app().url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    expect((await raw('{"type": "message", ')).status).toBe(400)
    expect((await raw(JSON.stringify({ type: 'message', id: 'x', text: 'hi' }))).status).toBe(400) // no serviceUrl, from, conversation
    expect(await (await c.post({ type: 'typing', id: 't1' })).json()).toMatchObject({ outcome: 'ignored' })
    expect(await messageCount(rt)).toBe(before)
  })

  it('answers invoke activities with an InvokeResponse: a card Action.Execute is a press, other invokes 501', async () => {
    const c = await driver.newCustomer()
    await c.say('坏')
    await c.receive(/您是不是想问/)
    const card = driver.connector
      .to(c.conversationId)
      .map((s) => seen(s.activity))
      .findLast((s) => s.submits.has('产品坏了怎么报修'))!
    const execute = {
      type: 'invoke',
      id: 'inv-1',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'kefu', data: card.submits.get('产品坏了怎么报修') } },
    }
    const res = await c.post(execute)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: '收到 / Received' })
    await c.receive(/报修工单/)
    // Teams retries an invoke it got no answer to: the same id is answered again and stored once.
    expect((await c.post(execute)).status).toBe(200)
    const pressed = await rt.db.query<any>(
      `select count(*)::int as n from messages where direction = 'in' and text = '产品坏了怎么报修' and conversation_id = $1`,
      [await conversationOf(rt, c.userId)],
    )
    expect(pressed.rows[0].n).toBe(1)

    const unknownButton = await c.post({ ...execute, id: 'inv-2', value: { action: { type: 'Action.Execute', data: { other: 1 } } } })
    expect(await unknownButton.json()).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' })
    const other = await c.post({ type: 'invoke', id: 'inv-3', name: 'composeExtension/query', value: {} })
    expect(other.status).toBe(501)
  })

  it('retries while the Connector is down, then tells the agent in a private note', async () => {
    const c = await driver.newCustomer()
    await driver.connector.stop()
    try {
      await c.say('怎么退货')
      const convId = await conversationOf(rt, c.userId)
      const delivery = async () =>
        (
          await rt.db.query<any>(
            `select m.delivery_status, m.delivery_error, (select max(attempts) from jobs j where j.name = 'channel.deliver' and j.payload->>'messageId' = m.id::text) as attempts
           from messages m where m.conversation_id = $1 and m.direction = 'out'`,
            [convId],
          )
        ).rows[0]
      await expect.poll(async () => (await delivery())?.delivery_error, { timeout: 10_000 }).toBeTruthy()
      for (let i = 0; i < 12 && (await delivery()).delivery_status === 'pending'; i++) {
        clock.advance(10 * 60_000)
        await rt.jobs.drain(20_000)
      }
      expect(await delivery()).toMatchObject({ delivery_status: 'failed', attempts: 8 })
      const note = await rt.db.query<any>(`select text from messages where conversation_id = $1 and is_private`, [convId])
      expect(note.rows[0].text).toMatch(/发送失败.*teams/)
    } finally {
      await driver.connector.start(driver.connector.port)
    }
  })
})

describe('Teams with authentication on', () => {
  let rt: Runtime
  let app: { url: string; stop(): Promise<void> }
  const APP_ID = '00000000-0000-4000-8000-000000000001'

  beforeAll(async () => {
    rt = await testRuntime('pglite')
    app = await serveChannelApp(rt, createTeamsModule(), { TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: 'not-a-real-secret', TEAMS_TENANT_ID: 'tenant-1' })
  })
  afterAll(async () => {
    await app?.stop()
    await rt?.close()
  })

  const activity = {
    type: 'message',
    id: 'm1',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/amer/',
    text: '怎么退货',
    from: { id: '29:u' },
    recipient: { id: '28:b' },
    conversation: { id: 'a:c', conversationType: 'personal' },
  }

  it('refuses a request without a token, or with a forged one, with 401 and stores nothing', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) })
    // Tokens we make ourselves: none is signed by the Bot Connector's keys.
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
    const token = (header: object, claims: object) => {
      const body = `${b64(header)}.${b64(claims)}`
      return `${body}.${createHmac('sha256', 'our-own-key').update(body).digest('base64url')}`
    }
    const claims = { iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: activity.serviceUrl, exp: Math.floor(Date.now() / 1000) + 600 }
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer not.a.jwt' },
      { authorization: `Bearer ${token({ alg: 'HS256', typ: 'JWT' }, claims)}` },
      { authorization: `Bearer ${token({ alg: 'none' }, claims)}` },
      { authorization: `Bearer ${token({ alg: 'RS256', kid: 'x' }, { ...claims, iss: 'https://sts.windows.net/evil/' })}` },
    ]) {
      expect((await post(headers)).status).toBe(401)
    }
    expect(await messageCount(rt)).toBe(0)
  })

  it("answers 503 without internal detail when Microsoft's signing keys cannot be fetched (issue 15, item 9)", async () => {
    // A well-formed RS256 token with the Connector's issuer: botbuilder must fetch Microsoft's
    // OpenID keys to judge it, and this machine cannot reach them.
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
    const claims = { iss: 'https://api.botframework.com', aud: APP_ID, exp: Math.floor(Date.now() / 1000) + 600 }
    const token = `${b64({ alg: 'RS256', kid: 'k1', typ: 'JWT' })}.${b64(claims)}.${Buffer.from('sig').toString('base64url')}`
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ...activity, id: 'm2' }),
    })
    const text = await res.text()
    expect(res.status, text).toBe(503)
    expect(JSON.parse(text).error).toMatchObject({ code: 'unavailable', message: expect.stringContaining('cannot be checked right now') })
    expect(text).not.toMatch(/https?:|getaddrinfo|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|botframework\.com|microsoftonline|openid/i) // before: the key URL and the DNS error
    expect(await messageCount(rt)).toBe(0)
  }, 60_000)
})
