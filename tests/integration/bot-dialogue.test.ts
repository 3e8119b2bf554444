/**
 * Issue 18, item 7: the bot's dialogue through the real turn on the demo knowledge base —
 * details asked for are taken as details, 不满意 gets a why and a person, the queue timer
 * says what is true about who is online, angry words are not promised a transfer that does
 * not happen, and a mid-conversation hello is not the welcome again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../bot/clock.ts'
import { defineConversationJobs } from '../../bot/conversations/module.ts'
import { acceptConversation, closeConversation } from '../../bot/handoff/agentActions.ts'
import { heartbeat, setPresence } from '../../bot/handoff/presence.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { setSetting } from '../../bot/settings.ts'
import { defineTicketJobs } from '../../bot/tickets/module.ts'
import { say } from '../../bot/turn/phrases.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { customer } from '../support/customers.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'
import { staff, toCustomer } from './tickets-helpers.ts'

type Reply = { kind: string; text: string; buttons: { label: string; payload: string }[] }
const texts = (r: { replies: Reply[] }) => r.replies.map((x) => x.text).join('\n')

describe.each(DB_KINDS)('bot dialogue on %s', (kind) => {
  let rt: Runtime
  const clock = new ManualClock(new Date('2026-11-23T03:00:00Z')) // a Monday, 11:00 in Shanghai
  beforeAll(async () => {
    rt = await testRuntime(kind, { config: { SEED_DEMO: 'true' }, clock })
    await knowledgeModule.prepare!(rt)
    await defineConversationJobs(rt)
    defineTicketJobs(rt)
    await rt.jobs.start()
    await setSetting(rt.db, { type: 'system', name: 'test' }, 'surveys.delaySec', 0)
  })
  afterAll(() => rt?.close())

  it('takes the reply to the 报修 answer as the repair details, not as a question', async () => {
    const c = customer(rt)
    const asked = (await c.say('机器不工作了')) as { replies: Reply[] }
    expect(asked.replies[0]).toMatchObject({ kind: 'answer', text: expect.stringContaining('产品型号、故障现象和联系地址') })
    const details = (await c.say('美的洗衣机 MB80-V1，不脱水，地址上海市浦东新区张江路88号3栋502')) as { replies: Reply[] }
    expect(texts(details)).not.toContain('没能找到')
    expect(texts(details)).toContain('已经记下')
    expect(texts(details)).not.toMatch(/型号|地址/) // not asked again
    await c.say('13800138000')
    const done = (await c.say('明天下午')) as { replies: Reply[] }
    expect(texts(done)).toMatch(/工单号|T-?\d/)
    const t = (await rt.db.query<any>(`select type, description from tickets order by id desc limit 1`)).rows[0]
    expect(t).toMatchObject({ type: 'repair', description: expect.stringContaining('MB80-V1') })
  })

  it('after 不满意 asks why and offers a person, who the button reaches', async () => {
    const agent = await staff(rt)
    const c = customer(rt)
    const q = await c.say('转人工')
    await acceptConversation({ ctx: agent, id: q.conversationId })
    await closeConversation({ ctx: agent, id: q.conversationId })
    await rt.jobs.drain()
    const survey = (await toCustomer(rt, c.externalUserId)).at(-1)!
    const bad = survey.buttons.find((b) => b.label === '不满意')!
    const sorry = ((await c.say('不满意', { payload: bad.payload })) as { replies: Reply[] }).replies[0]!
    expect(sorry.text).toContain('哪方面的问题')
    expect(sorry.buttons.map((b) => b.label)).toEqual(['问题没解决', '服务态度', '转人工'])
    const person = (await c.say('转人工', { payload: sorry.buttons[2]!.payload })) as { replies: Reply[] }
    expect(person.replies.map((r) => r.kind)).toContain('queue')
  })

  it('never says everyone is busy while an agent with room is online', async () => {
    for (const key of ['noAgentOnline', 'agentComing'] as const) {
      const agent = await staff(rt)
      if (key === 'agentComing') await setPresence(agent, agent.actor.id, 'online')
      const c = customer(rt)
      await c.say('转人工')
      clock.advance(181_000)
      if (key === 'agentComing') await heartbeat(agent, agent.actor.id) // their console is open
      await rt.jobs.drain()
      const last = (await toCustomer(rt, c.externalUserId)).at(-1)!.text
      expect(last).toBe(say(key, 'zh'))
      expect(last).not.toContain('都在忙')
      await setPresence(agent, agent.actor.id, 'offline')
    }
  })

  it('does not promise an immediate transfer it does not make', async () => {
    const r = (await customer(rt).say('你们太差劲了，气死我了！')) as { conversationId: number; replies: Reply[] }
    const status = (await rt.db.query<any>('select status from conversations where id = $1', [r.conversationId])).rows[0].status
    expect(status).toBe('bot')
    expect(texts(r)).not.toContain('马上为您转接')
    expect(r.replies[0]!.buttons.map((b) => b.label)).toContain('转人工')
  })

  it('greets once; a later 你好 gets a short reply that changes', async () => {
    const c = customer(rt)
    const first = ((await c.say('你好')) as { replies: Reply[] }).replies[0]!.text
    expect(first).toBe(say('greeting', 'zh'))
    await c.say('怎么退货')
    const again = ((await c.say('你好')) as { replies: Reply[] }).replies[0]!
    const third = ((await c.say('你好')) as { replies: Reply[] }).replies[0]!
    expect(again.kind).toBe('greeting')
    expect(again.text).not.toBe(first)
    expect(third.text).not.toBe(again.text)
    expect(third.text).not.toBe(first)
  })
})
