/**
 * The same customer journey on every channel, each through its own protocol: ask a FAQ,
 * pick an option from a clarify, ask for a person, an agent replies from the console
 * verbs, the conversation closes, and the survey is answered.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { systemCtx, withActor } from '../../bot/context.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { acceptConversation, closeConversation, sendAgentMessage } from '../../bot/handoff/agentActions.ts'
import { setSetting } from '../../bot/settings.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import type { ChannelDriver } from '../support/channels/driver.ts'
import { webchatDriver } from '../support/channels/webchat.ts'
import { testRuntime } from '../support/services.ts'
import { seedKnowledge } from '../support/knowledge.ts'

/** Each channel's driver, loaded by name so the table lists them all in one place. */
const DRIVERS: Record<string, () => Promise<ChannelDriver>> = {
  webchat: async () => webchatDriver(),
  wechat: async () => (await import('../support/channels/wechat.ts')).wechatDriver(),
  wechaty: async () => (await import('../support/channels/wechaty.ts')).wechatyDriver(),
  telegram: async () => (await import('../support/channels/telegram.ts')).telegramDriver(),
  teams: async () => (await import('../support/channels/teams.ts')).teamsDriver(),
}

const RETURN_ANSWER = /签收后 7 天内/
const REPAIR_ANSWER = /报修工单/

describe.each(Object.keys(DRIVERS))('the customer journey on %s', (name) => {
  let driver: ChannelDriver | null = null
  let rt: Runtime | null = null
  afterEach(async () => {
    await driver?.stop()
    await rt?.close()
  })

  it('answers, clarifies, hands over, lets the agent reply, closes and takes the survey', async () => {
    rt = await testRuntime('postgres')
    expect(await seedKnowledge(rt)).toBeGreaterThan(30)
    await setSetting(rt.db, { type: 'system', name: 'test' }, 'surveys.delaySec', 0)
    const agent = await createUser({ ctx: systemCtx(rt), input: { username: 'journey_agent', displayName: '小王', role: 'agent', password: 'password-123' } })
    const agentCtx = withActor(rt, { type: 'user', id: agent.id, username: agent.username, role: 'agent' })
    driver = await DRIVERS[name]!()
    await driver.start(rt)
    await rt.jobs.start()
    const customer = await driver.newCustomer()

    await customer.say('怎么退货')
    await customer.receive(RETURN_ANSWER)

    await customer.say('坏了')
    const clarify = await customer.receive(/您是不是想问/)
    expect(clarify.buttons.join(' ')).toContain('产品坏了怎么报修')
    await customer.press('产品坏了怎么报修')
    await customer.receive(REPAIR_ANSWER)

    await customer.say('转人工')
    await customer.receive(/排在第 1 位/)
    const waiting = await rt.db.query<{ id: number }>(`select id from conversations where status = 'waiting' and channel = $1`, [name])
    const conversationId = waiting.rows[0]!.id
    await acceptConversation({ ctx: agentCtx, id: conversationId })
    await sendAgentMessage({ ctx: agentCtx, id: conversationId, text: '您好，我是小王，马上为您处理退货。' })
    await customer.receive(/我是小王/)

    await closeConversation({ ctx: agentCtx, id: conversationId })
    const survey = await customer.receive(/打个分|rate/)
    expect(survey.buttons.length === 0 || survey.buttons.some((b) => /满意/.test(b))).toBe(true)
    await customer.press('满意')
    await customer.receive(/感谢您的评价/)
    const rating = await rt.db.query<any>(`select level, agent_id, channel from surveys where subject_conversation_id = $1`, [conversationId])
    expect(rating.rows).toEqual([{ level: 'satisfied', agent_id: agent.id, channel: name }])
  }, 120_000)
})
