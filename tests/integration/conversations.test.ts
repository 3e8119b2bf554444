import { say } from '../../bot/turn/phrases.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../bot/clock.ts'
import { systemCtx, withActor, type Ctx } from '../../bot/context.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { acceptConversation, closeConversation, returnToBot, sendAgentMessage } from '../../bot/handoff/agentActions.ts'
import { setSetting } from '../../bot/settings.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { conversationsModule } from '../../bot/conversations/module.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { customer } from '../support/customers.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'
import { seedKnowledge } from '../support/knowledge.ts'
import { addReply } from '../../bot/conversations/addReply.ts'
import { inConversationTx } from '../../bot/conversations/announce.ts'
import { listMessages, type MessageRow } from '../../bot/conversations/messages.ts'
import { readConversation } from '../../bot/conversations/store.ts'
import type { BusEvent } from '../../bot/events/bus.ts'

describe.each(DB_KINDS)('conversations on %s', (kind) => {
  let rt: Runtime
  let clock: ManualClock
  let agentA: Ctx
  let agentB: Ctx
  const botReplies = async (conversationId: number) =>
    (await rt.db.query<{ n: number }>(`select count(*)::int n from messages where conversation_id = $1 and sender_type = 'bot'`, [conversationId])).rows[0]!.n

  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-11-23T03:00:00Z')) // 11:00 in Shanghai, a Monday
    rt = await testRuntime(kind, { clock })
    await knowledgeModule.prepare!(rt)
    await conversationsModule.prepare!(rt)
    expect(await seedKnowledge(rt)).toBeGreaterThan(30)
    const mk = async (username: string) => {
      const u = await createUser({ ctx: systemCtx(rt), input: { username, role: 'agent', password: 'password-123' } })
      return withActor(rt, { type: 'user', id: u.id, username, role: 'agent' })
    }
    agentA = await mk('agent_a')
    agentB = await mk('agent_b')
  })
  afterAll(async () => rt?.close())

  it('answers a FAQ, and does not answer a redelivered message twice', async () => {
    const c = customer(rt)
    const first = await c.say('怎麼退貨', { id: 'wx-msg-1' })
    expect(first.replies).toHaveLength(1)
    expect(first.replies[0]).toMatchObject({ kind: 'answer', kbEntryId: 'demo-return' })
    const again = await c.say('怎麼退貨', { id: 'wx-msg-1' })
    expect(again).toMatchObject({ duplicate: true, replies: [] })
    expect(await botReplies(first.conversationId)).toBe(1)
  })

  it('greets, thanks, and offers a person after two fallbacks in a row', async () => {
    const c = customer(rt)
    expect((await c.say('你好')).replies[0]!.kind).toBe('greeting')
    expect((await c.say('谢谢')).replies[0]!.text).toContain('不客气')
    // A later hello is not the welcome again (issue 18, item 7): a short reply, in English here.
    const hello = (await c.say('hello')).replies[0]!
    expect(hello.kind).toBe('greeting')
    expect(hello.text).not.toBe(say('greeting', 'en'))
    expect(hello.text).toMatch(/^[\x20-\x7e—]+$/)
    const f1 = await c.say('zzqx vvbl kkrp')
    const f2 = await c.say('wqxj plmz ggtr')
    // Gibberish in Latin letters switches the reply language to English.
    expect(f1.replies[0]!.kind).toBe('fallback')
    expect(f2.replies[0]!.text).toMatch(/Shall I put you through to a person/)
    expect(f2.replies[0]!.buttons.map((b) => b.label)).toContain('Talk to a person')
  })

  it('acknowledges anger and offers a person and a ticket', async () => {
    const r = await customer(rt).say('你们这什么破服务，我要投诉！！！')
    expect(r.replies[0]!.kind).toBe('handoff')
    expect(r.replies[0]!.text).toContain('抱歉')
    expect(r.replies[0]!.buttons.map((b) => b.label)).toEqual(['转人工', '登记工单'])
  })

  it('keeps the bot silent for 50 messages while an agent owns the conversation, then answers again after return', async () => {
    const c = customer(rt)
    const q = await c.say('转人工')
    expect(q.replies[0]!.kind).toBe('queue')
    expect(q.replies[0]!.text).toContain('第 1 位')
    await acceptConversation({ ctx: agentA, id: q.conversationId })
    const before = await botReplies(q.conversationId)
    for (let i = 0; i < 50; i++) {
      const r = await c.say(i % 2 ? '怎么退货' : `还在吗 ${i}`)
      expect(r.replies).toEqual([])
    }
    expect(await botReplies(q.conversationId)).toBe(before)
    await sendAgentMessage({ ctx: agentA, id: q.conversationId, text: '您好，我来帮您处理。' })
    await returnToBot({ ctx: agentA, id: q.conversationId })
    const next = await c.say('运费怎么算')
    expect(next.replies[0]).toMatchObject({ kind: 'answer', kbEntryId: 'demo-shipping-fee' })
  })

  it('gives the conversation to exactly one of two agents accepting at the same moment', async () => {
    const q = await customer(rt).say('人工客服')
    const results = await Promise.allSettled([
      acceptConversation({ ctx: agentA, id: q.conversationId }),
      acceptConversation({ ctx: agentB, id: q.conversationId }),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(lost.reason.status).toBe(409)
    expect(lost.reason.message).toMatch(/already taken|no longer waiting/)
    const owner = await rt.db.query<any>('select assignee_id, owner_id from conversations where id = $1', [q.conversationId])
    expect(owner.rows[0].assignee_id).toBe(owner.rows[0].owner_id)
  })

  it('refuses an agent writing into a closed conversation, with a reason', async () => {
    const q = await customer(rt).say('转人工')
    await acceptConversation({ ctx: agentB, id: q.conversationId })
    await closeConversation({ ctx: agentB, id: q.conversationId })
    await expect(sendAgentMessage({ ctx: agentB, id: q.conversationId, text: '还在吗？' })).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/closed/),
    })
  })

  it('puts VIPs first in the queue and offers a ticket when no agent takes it in time', async () => {
    const normal = customer(rt)
    const n = await normal.say('转人工')
    const vip = customer(rt)
    await vip.say('你好')
    await rt.db.query(`update customers set tier = 'vip' where id = (select customer_id from customer_identities where external_id = $1)`, [vip.externalUserId])
    const v = await vip.say('转人工')
    expect(v.replies[0]!.text).toContain('第 1 位')
    expect((await normal.say('我排第几')).replies[0]!.text).toContain('第 2 位')

    clock.advance(181_000)
    await rt.jobs.drain()
    const offer = await rt.db.query<any>(`select text, parts from messages where conversation_id = $1 and kind = 'handoff' order by id desc limit 1`, [
      n.conversationId,
    ])
    expect(offer.rows[0].text).toContain('工单')
    const picked = await normal.say('1')
    expect(picked.replies[0]!.text).toContain('已为您记录')
    const recorded = await rt.db.query(`select 1 from audit_events where action = 'ticket.requested' and subject_id = $1`, [String(n.conversationId)])
    expect(recorded.rows).toHaveLength(1)
  })

  it('offers a ticket instead of a queue outside office hours', async () => {
    await setSetting(rt.db, { type: 'system', name: 'test' }, 'officeHours', {
      timezone: 'Asia/Shanghai',
      days: [1, 2, 3, 4, 5],
      start: '09:00',
      end: '18:00',
      holidays: [],
    })
    clock.set(new Date('2026-11-23T12:00:00Z')) // 20:00 in Shanghai
    const r = await customer(rt).say('转人工')
    expect(r.replies[0]!.text).toContain('非工作时间')
    await setSetting(rt.db, { type: 'system', name: 'test' }, 'officeHours', null)
  })

  it('records the customer in audit rows by their customer id, the same form on every channel', async () => {
    const asked: string[] = []
    for (const [channel, who] of [
      ['telegram', '424242'],
      ['webchat', 'visitor-audit'],
    ] as const) {
      const { conversationId } = await customer(rt, who, channel).say('转人工')
      const audit = await rt.db.query<{ actor_type: string; actor_id: string }>(
        `select actor_type, actor_id from audit_events where action = 'handoff.requested' and subject_id = $1`,
        [String(conversationId)],
      )
      const conv = await rt.db.query<{ customer_id: string }>('select customer_id from conversations where id = $1', [conversationId])
      expect(audit.rows).toEqual([{ actor_type: 'customer', actor_id: conv.rows[0]!.customer_id }])
      asked.push(audit.rows[0]!.actor_id)
    }
    expect(asked.every((id) => id.startsWith('cu_'))).toBe(true)
  })

  // The flush announces the rows the turn's INSERTs returned instead of reading them again
  // (bot/conversations/announce.ts): screens must get exactly what a later read shows.
  it.each(['webchat', 'telegram'] as const)('announces every message on %s as a later read of it shows it', async (channel) => {
    const c = customer(rt, undefined, channel)
    const first = await c.say('怎麼退貨')
    const id = first.conversationId
    const heard: MessageRow[] = []
    const off = rt.bus.subscribe(`conversation:${id}`, (e: BusEvent) => void (e.type === 'message' && heard.push(e.message)))
    try {
      const answer = await c.say('运费怎么算')
      expect(answer.replies[0]).toMatchObject({ kind: 'answer' })
      const button = answer.replies[0]!.buttons[0]!
      await c.say(button.label, { payload: button.payload })
      await c.say('转人工')
      await acceptConversation({ ctx: agentA, id })
      await sendAgentMessage({ ctx: agentA, id, text: '您好，我来帮您处理。' })
      await returnToBot({ ctx: agentA, id })
    } finally {
      off()
    }
    const stored = await listMessages(rt.db, id, { includePrivate: true })
    const since = stored.filter((m) => m.id > first.replies.at(-1)!.id)
    expect(heard.map((m) => m.id)).toEqual(since.map((m) => m.id))
    expect(heard).toEqual(since)
    expect(heard.find((m) => m.senderType === 'agent')?.senderName).toBeTruthy()
    expect(heard.some((m) => m.direction === 'in' && 'payload' in m.parts)).toBe(true)
  })

  it("keeps the customer's language with their last new message, not with a redelivered one", async () => {
    const c = customer(rt)
    const languageOf = async (conversationId: number) =>
      (
        await rt.db.query<{ language: string | null }>('select u.language from customers u join conversations c on c.customer_id = u.id where c.id = $1', [
          conversationId,
        ])
      ).rows[0]!.language
    const en = await c.say('how do I return an item', { id: 'lang-1' })
    expect(await languageOf(en.conversationId)).toBe('en')
    await c.say('怎么退货', { id: 'lang-2' })
    expect(await languageOf(en.conversationId)).toBe('zh')
    await c.say('how do I return an item', { id: 'lang-1' })
    expect(await languageOf(en.conversationId)).toBe('zh')
  })

  it('announces nothing a rolled-back savepoint wrote, and what the transaction kept', async () => {
    const { conversationId: id } = await customer(rt).say('怎麼退貨')
    const heard: string[] = []
    const off = rt.bus.subscribe(`conversation:${id}`, (e: BusEvent) => void (e.type === 'message' && heard.push(e.message.text)))
    try {
      await inConversationTx(systemCtx(rt), async (w) => {
        const conv = (await readConversation(w.tx, id, true))!
        await w.tx
          .transaction(async (sp) => {
            await addReply({ ...w, tx: sp }, conv, { kind: 'system', text: 'undone' })
            throw new Error('refused')
          })
          .catch(() => {})
        await addReply(w, conv, { kind: 'system', text: 'kept' })
      })
    } finally {
      off()
    }
    expect(heard).toEqual(['kept'])
  })
})
