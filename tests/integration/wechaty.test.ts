// wechaty on wechaty-puppet-mock: a mock contact writes, the bot's turn runs, and the
// outbox says the reply back to that contact; groups are answered only when the bot is @-mentioned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../bot/runtime.ts'
import { systemCtx, withActor } from '../../bot/context.ts'
import { acceptConversation, sendAgentMessage } from '../../bot/handoff/agentActions.ts'
import { setSetting } from '../../bot/settings.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { toInbound } from '../../adapters/wechaty/inbound.ts'
import { wechatyDriver, type WechatyDriver } from '../support/channels/wechaty.ts'
import { testRuntime } from '../support/services.ts'

describe('wechaty inbound (pure)', () => {
  const base = { id: 'm1', self: false, talkerId: 'c1', kind: 'Text', text: '怎么退货', mentionsBot: false }
  it('maps contacts to customers and ignores our own messages, unreadable kinds and unmentioned groups', () => {
    expect(toInbound(base)).toEqual({ channel: 'wechaty', externalUserId: 'c1', channelMessageId: 'm1', text: '怎么退货', address: { contactId: 'c1' } })
    expect(toInbound({ ...base, self: true })).toBeNull()
    expect(toInbound({ ...base, kind: 'Location' })).toBeNull()
    expect(toInbound({ ...base, kind: 'Image', text: '' })!.text).toBe('[图片]')
    expect(toInbound({ ...base, roomId: 'r1@chatroom' })).toBeNull()
    expect(toInbound({ ...base, roomId: 'r1@chatroom', mentionsBot: true })!.address).toEqual({ roomId: 'r1@chatroom', contactId: 'c1', shared: true })
  })
})

describe('wechaty with the mock puppet (pglite)', () => {
  let rt: Runtime
  let driver: WechatyDriver
  beforeAll(async () => {
    rt = await testRuntime('pglite', { config: { SEED_DEMO: 'true' } })
    await setSetting(rt.db, { type: 'system', name: 'test' }, 'surveys.answerFeedback', false)
    driver = wechatyDriver()
    await driver.start(rt)
    await rt.jobs.start()
  })
  afterAll(async () => {
    await driver?.stop()
    await rt?.close()
  })

  it('answers a contact through the outbox, and numbered options are picked by typing the number', async () => {
    const c = await driver.newCustomer()
    await c.say('怎么退货')
    await c.receive(/签收后 7 天内/)
    await c.say('转人工')
    const queued = await c.receive(/排在第 1 位/)
    expect(queued.buttons).toEqual(['取消排队'])
    await c.press('取消排队')
    await c.receive(/./)
    const conv = await rt.db.query<any>(`select status, channel from conversations where channel = 'wechaty' order by id desc limit 1`)
    expect(conv.rows[0]).toEqual({ status: 'bot', channel: 'wechaty' })
  })

  it('answers in a group only when mentioned, and replies in the group', async () => {
    const c = await driver.newCustomer()
    const mocker = driver.mocker()
    const room = mocker.createRoom({ topic: '售后群', memberIdList: [driver.botUser().id, c.contact.id] })
    const said: string[] = []
    room.on('message', (m: any) => m.talker().id === driver.botUser().id && said.push(m.text()))
    c.contact.say('怎么开发票').to(room)
    await new Promise((r) => setTimeout(r, 800))
    expect(said).toEqual([])
    c.contact.say('@客服小助手 怎么开发票', [driver.botUser()]).to(room)
    await expect.poll(() => said.join('\n'), { timeout: 10_000 }).toContain('电子普通发票')
  })

  it("keeps an agent's reply in the private chat when the queued customer then @-mentions the bot in a group", async () => {
    const c = await driver.newCustomer()
    await c.say('转人工')
    await c.receive(/排在第 1 位/)
    const room = driver.mocker().createRoom({ topic: '家长群', memberIdList: [driver.botUser().id, c.contact.id] })
    const inRoom: string[] = []
    room.on('message', (m: any) => m.talker().id === driver.botUser().id && inRoom.push(m.text()))
    c.contact.say('@客服小助手 我的订单怎么还没到', [driver.botUser()]).to(room)
    const conv = await rt.db.query<{ id: number }>(
      `select c.id from conversations c join customer_identities i on i.customer_id = c.customer_id
        where i.channel = 'wechaty' and i.external_id = $1 and c.status = 'waiting'`,
      [c.contact.id],
    )
    await expect
      .poll(
        async () => (await rt.db.query(`select 1 from messages where conversation_id = $1 and text like '%订单怎么还没到%'`, [conv.rows[0]!.id])).rows.length,
      )
      .toBe(1)
    const user = await createUser({ ctx: systemCtx(rt), input: { username: 'wy_agent', displayName: '小周', role: 'agent', password: 'password-123' } })
    const agent = withActor(rt, { type: 'user', id: user.id, username: user.username, role: 'agent' })
    await acceptConversation({ ctx: agent, id: conv.rows[0]!.id })
    await sendAgentMessage({ ctx: agent, id: conv.rows[0]!.id, text: '您的订单 20261203-88 已发出，联系电话 138 0000 0000。' })
    await c.receive(/20261203-88/) // privately, where the customer asked for a person
    await new Promise((r) => setTimeout(r, 500))
    expect(inRoom.join('\n')).not.toContain('20261203-88')
  })
})
