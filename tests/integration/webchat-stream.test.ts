import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withActor, systemCtx, type Ctx } from '../../bot/context.ts'
import { acceptConversation, closeConversation, sendAgentMessage } from '../../bot/handoff/agentActions.ts'
import { setSetting } from '../../bot/settings.ts'
import { defineTicketJobs } from '../../bot/tickets/module.ts'
import { createApp } from '../../bot/http/app.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { createWebchatModule } from '../../adapters/webchat/module.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { testRuntime } from '../support/services.ts'
import { visitor } from './webchatClient.ts'

// PostgreSQL with live events relayed through Redis (as with several replicas), and the
// embedded PGlite with the in-process bus (as with `npm start`).
describe.each([
  { kind: 'postgres' as const, redis: true },
  { kind: 'pglite' as const, redis: false },
])('web chat event stream on $kind', ({ kind, redis }) => {
  let rt: Runtime
  let v: ReturnType<typeof visitor>
  let agent: Ctx
  let subscriptions = 0

  beforeAll(async () => {
    rt = await testRuntime(kind, { redis, config: { SEED_DEMO: 'true' } })
    await knowledgeModule.prepare!(rt)
    defineTicketJobs(rt) // the survey after a closed chat is one of these jobs
    await rt.jobs.start()
    await setSetting(rt.db, { type: 'system', name: 'test' }, 'surveys.delaySec', 0)
    // Count live subscriptions, to see that a closed stream lets go of its own.
    const subscribe = rt.bus.subscribe.bind(rt.bus)
    rt.bus.subscribe = (topic, handler) => {
      subscriptions++
      const off = subscribe(topic, handler)
      return () => (subscriptions--, off())
    }
    v = visitor(createApp(rt, [knowledgeModule, createWebchatModule({ keepAliveMs: 300 })]))
    const user = await createUser({ ctx: systemCtx(rt), input: { username: 'lin', displayName: '林小姐', role: 'agent', password: 'agent-password-1' } })
    agent = withActor(rt, { type: 'user', id: user.id, username: 'lin', role: 'agent' })
  })
  afterAll(async () => rt?.close())

  it('replays, streams live, resumes after a drop with exactly the missed messages, and never streams a private note', async () => {
    const token = (await v.session()).body.token

    // Before the first message there is no conversation to follow yet.
    const idle = (await v.stream(token)).reader!
    expect(await idle.next()).toMatchObject({ event: 'ready', data: { conversationId: null } })
    expect(await idle.next({ comments: true, timeoutMs: 2000 })).toMatchObject({ comment: 'keep-alive' })
    await idle.close()

    const asked = await v.send(token, '怎么退货')
    const s1 = (await v.stream(token)).reader!
    expect(await s1.next()).toMatchObject({ event: 'ready', data: { conversationId: asked.body.conversationId, status: 'bot' } })
    const replay = await s1.messages(2)
    expect(replay.map((m) => [m.from, m.id])).toEqual([
      ['customer', asked.body.message.id],
      ['bot', asked.body.replies[0].id],
    ])
    expect(replay[0].clientId).toBeTruthy()

    // Live: what the POST answered also arrives on the stream, with the same ids.
    const handoff = await v.send(token, '转人工')
    const live = await s1.messages(2)
    expect(live.map((m) => m.id)).toEqual([handoff.body.message.id, handoff.body.replies[0].id])
    expect(live[1]).toMatchObject({ kind: 'queue', text: expect.stringContaining('转接人工客服') })
    expect(await s1.next()).toMatchObject({ event: 'status', data: { status: 'waiting' } })
    const lastSeen = live[1].id

    // Drop the connection; the agent works meanwhile.
    await s1.close()
    await expect.poll(() => subscriptions).toBe(0)
    const conversationId = handoff.body.conversationId
    await acceptConversation({ ctx: agent, id: conversationId })
    await sendAgentMessage({ ctx: agent, id: conversationId, text: '内部备注：客户第二次问退货', isPrivate: true })
    await sendAgentMessage({ ctx: agent, id: conversationId, text: '您好，我是林小姐，马上帮您处理退货。' })

    // Reconnect as EventSource does: exactly the two public messages it missed, nothing more.
    const s2 = (await v.stream(token, { lastEventId: String(lastSeen), after: 0 })).reader!
    expect(await s2.next()).toMatchObject({ event: 'ready', data: { status: 'agent' } })
    const missed = await s2.messages(3, 1500)
    expect(missed.map((m) => [m.from, m.kind])).toEqual([
      ['system', 'handoff'],
      ['agent', 'agent'],
    ])
    expect(missed[0].text).toContain('林小姐')
    expect(missed[1]).toMatchObject({ name: '林小姐', text: '您好，我是林小姐，马上帮您处理退货。' })

    // Live private notes stay away too: the next event after one is the public reply.
    await sendAgentMessage({ ctx: agent, id: conversationId, text: '备注：已核实订单', isPrivate: true })
    await sendAgentMessage({ ctx: agent, id: conversationId, text: '已为您登记退货。' })
    expect(await s2.next()).toMatchObject({ event: 'message', data: { from: 'agent', text: '已为您登记退货。' } })
    const all = JSON.stringify((await v.history(token)).body)
    expect(all).not.toContain('备注')

    // ?after= works like Last-Event-ID for a client that reconnects by itself.
    const s3 = (await v.stream(token, { after: lastSeen })).reader!
    await s3.next()
    expect((await s3.messages(3, 1000)).map((m) => m.from)).toEqual(['system', 'agent', 'agent'])
    await s3.close()

    // Closing: the goodbye, then `closed` — and the stream stays open (issue 18, item 1): the
    // survey comes after the close, in the next conversation, and must reach this open chat.
    await closeConversation({ ctx: agent, id: conversationId })
    expect(await s2.next()).toMatchObject({ event: 'message', data: { kind: 'system' } })
    expect(await s2.next()).toMatchObject({ event: 'status', data: { status: 'closed' } })
    await rt.jobs.drain() // the survey is due at once (surveys.delaySec = 0)
    const survey = await s2.next({ timeoutMs: 5000 })
    expect(survey).toMatchObject({ event: 'status', data: { status: 'bot' } })
    expect(await s2.next({ timeoutMs: 5000 })).toMatchObject({ event: 'message', data: { from: 'system', text: expect.stringContaining('打个分') } })
    expect(s2.ended).toBe(false)

    // A reload: the agent's messages are still there, then the survey (not only the survey's conversation).
    const reloaded = (await v.history(token)).body.messages.map((m: { from: string; text: string }) => [m.from, m.text])
    expect(reloaded).toContainEqual(['agent', '已为您登记退货。'])
    expect(reloaded.at(-1)![1]).toContain('打个分')

    // The rating is the next message; the stream hears the thanks in the same conversation.
    const surveyMsg = (await v.history(token)).body.messages.at(-1)
    const rated = await v.send(token, '满意', { payload: surveyMsg.buttons[0].payload })
    expect(await s2.next()).toMatchObject({ event: 'message', data: { from: 'customer' } })
    expect(await s2.next()).toMatchObject({ event: 'message', data: { id: rated.body.replies[0].id } })
    await s2.close()
    await expect.poll(() => subscriptions).toBe(0)

    // A re-opened stream replays from where it stopped, across conversations.
    const s4 = (await v.stream(token, { lastEventId: String(lastSeen) })).reader!
    expect(await s4.next()).toMatchObject({ event: 'ready', data: { conversationId: rated.body.conversationId } })
    const replayed = (await s4.messages(8, 1500)).map((m) => m.text)
    expect(replayed).toContain('已为您登记退货。')
    expect(replayed.some((t) => t.includes('打个分'))).toBe(true)
    expect(replayed.at(-1)).toBe(rated.body.replies[0].text)
    await s4.close()
  })
})
