// wechaty on wechaty-puppet-mock: a mock contact writes, the bot's turn runs, and the
// outbox says the reply back to that contact; groups are answered only when the bot is @-mentioned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../bot/runtime.ts'
import { setSetting } from '../../bot/settings.ts'
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
    expect(toInbound({ ...base, roomId: 'r1@chatroom', mentionsBot: true })!.address).toEqual({ roomId: 'r1@chatroom', contactId: 'c1' })
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
})
