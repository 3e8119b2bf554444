/**
 * The outbox's WeChat sender: replies that missed the passive answer, agents' messages,
 * surveys. WeChat takes customer-service messages only within 48 h of the customer's last
 * message; outside it the message is held (released when they write again, by
 * handleInbound) and the agent is told once, by a private note, that it waits.
 */
import type { Services } from '../../bot/context.ts'
import { HoldDelivery, type ChannelSender, type Delivery } from '../../bot/channels/senders.ts'
import { UnrecoverableError } from '../../bot/jobs/types.ts'
import { claimForOutbox, undecided } from '../../bot/conversations/claim.ts'
import { lastHeardOnChannel } from '../../bot/conversations/store.ts'
import { WechatApiError, type WechatApi } from './api.ts'
import type { WechatOaConfig } from './config.ts'
import { noteHeld } from './heldNote.ts'
import { textMessagesFor } from './outbound.ts'

/** 45015: the customer has not written within 48 h; 45047: too many messages since they last wrote. */
const WINDOW_CLOSED = new Set([45015, 45047])
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function wechatSender(services: Services, cfg: WechatOaConfig, api: WechatApi | null): ChannelSender {
  const windowMs = cfg.windowHours * 3_600_000
  // A reply made by the customer's own turn may still leave as the passive answer: give that path its time first.
  const passiveGraceMs = cfg.replyTimeoutMs + 1000
  return {
    channel: 'wechat',
    async send(d: Delivery) {
      if (!api) throw new UnrecoverableError('WECHAT_APP_ID and WECHAT_APP_SECRET are not set: only passive replies are possible')
      const openid = (d.address.openid as string | undefined) ?? d.externalUserId
      if (!openid) throw new UnrecoverableError('no openid for this conversation')
      const last = d.lastCustomerMessageAt?.getTime() ?? 0
      if (services.clock.now().getTime() - (await lastHeardFrom(services, d)) > windowMs) return hold(services, d)

      if (d.senderType !== 'agent' && d.createdAt.getTime() === last) await passiveDecided(services, d, passiveGraceMs)
      // The passive answer carried it already: nothing to send, and its row says so.
      if (!(await claimForOutbox(services.db, d.id))) return { platformMessageIds: [] }

      const ids: string[] = []
      try {
        for (const text of textMessagesFor(d)) ids.push((await api.sendText(openid, text)) ?? `custom:${d.id}:${ids.length}`)
      } catch (err) {
        if (err instanceof WechatApiError && WINDOW_CLOSED.has(err.errcode)) return hold(services, d)
        throw err
      }
      return { platformMessageIds: ids }
    },
  }
}

/**
 * When the customer last wrote on WeChat, in any conversation: a survey after closing goes
 * into a fresh conversation that has not heard from them yet, but WeChat's window is per customer.
 */
async function lastHeardFrom(services: Services, d: Delivery): Promise<number> {
  return Math.max(d.lastCustomerMessageAt?.getTime() ?? 0, (await lastHeardOnChannel(services.db, d.conversationId))?.getTime() ?? 0)
}

/** Wait (at most the passive window) until the webhook has taken the reply or handed it over. */
async function passiveDecided(services: Services, d: Delivery, graceMs: number): Promise<void> {
  const until = Math.min(Date.now() + graceMs, Date.now() + d.createdAt.getTime() + graceMs - services.clock.now().getTime())
  while (Date.now() < until && (await undecided(services.db, d.id))) await sleep(100)
}

async function hold(services: Services, d: Delivery): Promise<never> {
  await noteHeld(services, d)
  throw new HoldDelivery('outside WeChat 48-hour customer-service window; sent when the customer writes again')
}
