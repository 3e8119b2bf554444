import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../../bot/clock.ts'
import type { BusEvent } from '../../bot/events/bus.ts'
import { acceptConversation, closeConversation, sendAgentMessage, transferConversation } from '../../bot/handoff/agentActions.ts'
import { setPresence } from '../../bot/handoff/presence.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { setSetting } from '../../bot/settings.ts'
import { defineConversationJobs } from '../../bot/conversations/module.ts'
import { customer } from '../support/customers.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'
import { staff, toCustomer } from './tickets-helpers.ts'

const system = { type: 'system' as const, name: 'test' }

// Issue 18, item 2: a chat is never left with someone who is not there, and a waiting chat
// goes to an agent as soon as one has room.
describe.each(DB_KINDS)('handoff routing on %s', (kind) => {
  const cleanup: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn()
  })
  async function boot() {
    const clock = new ManualClock(new Date('2026-11-24T03:00:00Z')) // 11:00 in Shanghai: office hours
    const rt = await testRuntime(kind, { clock })
    cleanup.push(() => rt.close())
    await defineConversationJobs(rt)
    await rt.jobs.start()
    const inbox: BusEvent[] = []
    const off = rt.bus.subscribe('inbox', (e) => inbox.push(e))
    cleanup.push(async () => off())
    return { rt, clock, inbox }
  }
  const statusOf = async (rt: Runtime, id: number) =>
    (await rt.db.query<any>('select status, assignee_id from conversations where id = $1', [id])).rows[0] as { status: string; assignee_id: number | null }
  async function online(rt: Runtime) {
    const a = await staff(rt)
    await setPresence(a, a.actor.id, 'online')
    return a
  }

  it('a transfer to an offline colleague puts the chat back in the queue, tells the customer (zh, en) and the agents', async () => {
    const { rt, inbox } = await boot()
    const a = await online(rt)
    const b = await staff(rt) // never came online
    for (const [text, expected] of [
      ['转人工', '暂时不在，已为您重新排队'],
      ['I want to talk to a human agent please', 'back in the queue'],
    ] as const) {
      const c = customer(rt)
      const q = await c.say(text)
      await acceptConversation({ ctx: a, id: q.conversationId })
      const moved = await transferConversation({ ctx: a, id: q.conversationId, toAgentId: b.actor.id, note: '物流问题' })
      expect(moved).toMatchObject({ status: 'waiting', assigneeId: null })
      expect(await statusOf(rt, q.conversationId)).toEqual({ status: 'waiting', assignee_id: null })
      expect((await toCustomer(rt, c.externalUserId)).at(-1)!.text).toContain(expected)
      expect(inbox).toContainEqual({ type: 'requeued', conversationId: q.conversationId, fromAgentId: b.actor.id, reason: 'offline' })
    }
  })

  it('a colleague who does not answer a transfer in time, or goes offline, loses the chat to the queue; one who answers keeps it', async () => {
    const { rt, clock, inbox } = await boot()
    await setSetting(rt.db, system, 'handoff.transferAcceptSec', 60)
    const [a, b] = [await online(rt), await online(rt)]
    const c1 = customer(rt)
    const silent = (await c1.say('转人工')).conversationId
    await acceptConversation({ ctx: a, id: silent })
    expect(await transferConversation({ ctx: a, id: silent, toAgentId: b.actor.id })).toMatchObject({ status: 'agent', assigneeId: b.actor.id })
    const answered = (await customer(rt).say('转人工')).conversationId
    await acceptConversation({ ctx: a, id: answered })
    await transferConversation({ ctx: a, id: answered, toAgentId: b.actor.id })
    await sendAgentMessage({ ctx: b, id: answered, text: '您好，我来继续为您处理。' })
    clock.advance(61_000)
    await rt.jobs.drain()
    expect(await statusOf(rt, silent)).toEqual({ status: 'waiting', assignee_id: null })
    expect((await toCustomer(rt, c1.externalUserId)).at(-1)!.text).toContain('重新排队')
    expect(inbox).toContainEqual({ type: 'requeued', conversationId: silent, fromAgentId: b.actor.id, reason: 'not_accepted' })
    expect(await statusOf(rt, answered)).toEqual({ status: 'agent', assignee_id: b.actor.id })

    // B leaves: what B had waits again, with the same word to the customer.
    await setPresence(b, b.actor.id, 'offline')
    expect(await statusOf(rt, answered)).toEqual({ status: 'waiting', assignee_id: null })
    expect(inbox).toContainEqual({ type: 'requeued', conversationId: answered, fromAgentId: b.actor.id, reason: 'offline' })
  })

  it('with auto-assignment, a waiting chat goes to the agent who frees up — only to a member of its team', async () => {
    const { rt } = await boot()
    await setSetting(rt.db, system, 'handoff.autoAssign', true)
    const a = await online(rt)
    await rt.db.query(`update agent_presence set capacity = 1, teams = '{billing}' where user_id = $1`, [a.actor.id])
    const first = (await customer(rt).say('转人工')).conversationId
    expect(await statusOf(rt, first)).toEqual({ status: 'agent', assignee_id: a.actor.id }) // auto-assigned at once
    const c2 = customer(rt)
    const second = (await c2.say('转人工')).conversationId
    expect((await statusOf(rt, second)).status).toBe('waiting') // A is full
    await closeConversation({ ctx: a, id: first })
    expect(await statusOf(rt, second)).toEqual({ status: 'agent', assignee_id: a.actor.id })
    expect((await toCustomer(rt, c2.externalUserId)).at(-1)!.text).toMatch(/^客服 .+ 已为您服务。$/)

    // Sent to the "refunds" team: A (billing) frees up but does not get it; a refunds agent who comes online does.
    const b = await online(rt)
    await rt.db.query(`update agent_presence set status = 'away' where user_id = $1`, [b.actor.id])
    await transferConversation({ ctx: a, id: second, toTeam: 'refunds' })
    expect(await statusOf(rt, second)).toEqual({ status: 'waiting', assignee_id: null })
    await rt.db.query(`update agent_presence set teams = '{refunds}' where user_id = $1`, [b.actor.id])
    await setPresence(b, b.actor.id, 'online')
    expect(await statusOf(rt, second)).toEqual({ status: 'agent', assignee_id: b.actor.id })
  })
})
