/**
 * The outbox's wechaty sender: one text per reply (options as numbered text, links as
 * "title url"), said by the logged-in account. Until an account is logged in the send
 * fails and the outbox retries with backoff.
 */
import type { ChannelSender } from '../../bot/channels/senders.ts'
import { renderText } from '../wechat-oa/outbound.ts'
import type { WechatyRunner } from './runner.ts'

export function wechatySender(runner: () => WechatyRunner | null): ChannelSender {
  return {
    channel: 'wechaty',
    async send(d) {
      const r = runner()
      if (!r) throw new Error('wechaty is not running in this process yet')
      await r.say(d.address, renderText(d, 'plain'))
      return { platformMessageIds: [`wechaty:${d.id}`] }
    },
  }
}
