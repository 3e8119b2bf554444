import { describe, expect, it } from 'vitest'
import { activitySchema, channelMessageId, joinedPeople, toInbound } from './inbound.ts'

const base = {
  type: 'message',
  id: 'm1',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/amer/',
  from: { id: '29:u', name: 'Lin' },
  recipient: { id: '28:bot', name: 'Kefu' },
  conversation: { id: 'a:c1', conversationType: 'personal', tenantId: 't1' },
}
const activity = (over: object = {}) => activitySchema.parse({ ...base, ...over })

describe('Teams inbound', () => {
  it('turns a personal-chat message into an InboundMessage whose address is the conversation reference', () => {
    expect(toInbound(activity({ text: '<at>Kefu</at> 怎么退货' }))).toEqual({
      channel: 'teams',
      externalUserId: '29:u',
      channelMessageId: 'a:c1|m1',
      text: '怎么退货',
      displayName: 'Lin',
      address: {
        serviceUrl: base.serviceUrl,
        channelId: 'msteams',
        conversation: { id: 'a:c1', conversationType: 'personal', tenantId: 't1' },
        bot: { id: '28:bot', name: 'Kefu' },
        user: { id: '29:u', name: 'Lin' },
      },
    })
  })
  it('takes an Action.Submit of ours as the payload, with its label as the text', () => {
    expect(toInbound(activity({ value: { kefu: 'opt:1', label: '如何换货' } }))).toMatchObject({ text: '如何换货', payload: 'opt:1' })
    expect(toInbound(activity({ text: 'x', value: { other: 1 } }))).not.toHaveProperty('payload')
  })
  it('ignores group chats, the bot itself and other activity types; greets only people who joined', () => {
    expect(toInbound(activity({ text: 'hi', conversation: { id: 'g', conversationType: 'groupChat', isGroup: true } }))).toBeNull()
    expect(toInbound(activity({ text: 'hi', from: base.recipient }))).toBeNull()
    expect(toInbound(activity({ type: 'typing' }))).toBeNull()
    expect(joinedPeople(activity({ type: 'conversationUpdate', membersAdded: [base.recipient, base.from] }))).toEqual([base.from])
    // A personal install (Microsoft's samples): only the bot is listed; the person is `from`.
    expect(joinedPeople(activity({ type: 'conversationUpdate', membersAdded: [{ id: base.recipient.id }] }))).toEqual([base.from])
    expect(joinedPeople(activity({ type: 'conversationUpdate', membersRemoved: [base.from] }))).toEqual([])
  })
  it('hashes ids too long to store', () => {
    expect(channelMessageId('a:'.padEnd(300, 'x'), '1')).toMatch(/^h:[A-Za-z0-9_-]{43}$/)
  })
})
