/**
 * The outbox's WeChat sender: replies that missed the passive answer, agents' messages,
 * surveys. WeChat takes customer-service messages only within 48 h of the customer's last
 * message, and at most 5 of them per customer message; outside either the message is held
 * (released when they write again, by recordInbound) and the agent is told once, by a
 * private note, why it waits. A long reply goes piece by piece, each recorded as WeChat
 * takes it, so a hold part-way or a retry after −1 (system busy) continues at the first
 * unsent piece instead of repeating the ones the customer has.
 */
import type { Services } from '../../bot/context.ts'
import { HoldDelivery, type ChannelSender, type Delivery, type PieceProgress } from '../../bot/channels/senders.ts'
import type { OutboundMedia } from '../../bot/conversations/types.ts'
import { UnrecoverableError } from '../../bot/jobs/types.ts'
import { readMedia } from '../../bot/media/store.ts'
import { isImage } from '../../bot/media/types.ts'
import { claimForOutbox, undecided } from '../../bot/conversations/claim.ts'
import { lastHeardOnChannel } from '../../bot/conversations/store.ts'
import { WechatApiError, type WechatApi } from './api.ts'
import type { WechatOaConfig } from './config.ts'
import { noteHeld, type HoldReason } from './heldNote.ts'
import { sendPieces } from '../shared/sendPieces.ts'
import { textMessagesFor } from './outbound.ts'

/** 45015: the customer has not written within 48 h; 45047: the 5 messages per customer message are spent. */
const HOLD_ON: Record<number, HoldReason> = { 45015: 'window', 45047: 'quota' }
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function wechatSender(services: Services, cfg: WechatOaConfig, api: WechatApi | null): ChannelSender {
  const windowMs = cfg.windowHours * 3_600_000
  // A reply made by the customer's own turn may still leave as the passive answer: give that path its time first.
  const passiveGraceMs = cfg.replyTimeoutMs + 1000
  return {
    channel: 'wechat',
    async send(d: Delivery, progress: PieceProgress) {
      if (!api) throw new UnrecoverableError('WECHAT_APP_ID and WECHAT_APP_SECRET are not set: only passive replies are possible')
      const openid = (d.address.openid as string | undefined) ?? d.externalUserId
      if (!openid) throw new UnrecoverableError('no openid for this conversation')
      const last = d.lastCustomerMessageAt?.getTime() ?? 0
      if (services.clock.now().getTime() - (await lastHeardFrom(services, d)) > windowMs) return hold(services, d, 'window')

      if (d.senderType !== 'agent' && d.createdAt.getTime() === last) await passiveDecided(services, d, passiveGraceMs)
      // The passive answer carried it already: nothing to send, and its row says so.
      if (!(await claimForOutbox(services.db, d.id))) return { platformMessageIds: [] }

      try {
        // WeChat often answers without a msgid: '' records the piece as sent all the same.
        // An agent's picture is one more piece: uploaded as temporary media, then sent as an image message.
        const texts: (string | { media: OutboundMedia })[] = d.media && !d.text.trim() ? [] : textMessagesFor(d)
        const pieces = [...texts, ...(d.media ? [{ media: d.media }] : [])]
        return {
          platformMessageIds: await sendPieces(progress, pieces, async (piece) =>
            typeof piece === 'string'
              ? ((await api.sendText(openid, piece)) ?? '')
              : ((await api.sendImage(openid, await uploaded(services, api, piece.media))) ?? ''),
          ),
        }
      } catch (err) {
        const reason = err instanceof WechatApiError ? HOLD_ON[err.errcode] : undefined
        if (reason) return hold(services, d, reason)
        throw err // −1 and other errors: the job retries, from the piece that failed
      }
    },
  }
}

/** WeChat's customer-service messages carry pictures, not other files (those are refused: the agent is told and can send a link). */
async function uploaded(services: Services, api: WechatApi, media: OutboundMedia): Promise<string> {
  if (!isImage(media.contentType) || media.contentType === 'image/webp')
    throw new UnrecoverableError('WeChat: only JPG, PNG or GIF pictures can be sent; share other files as a link')
  const found = await readMedia(services, media.fileId)
  if (!found) throw new UnrecoverableError(`the file ${media.fileId} is no longer stored`)
  if (found.bytes.byteLength > 10 * 1048576) throw new UnrecoverableError('WeChat: a picture may be at most 10 MB')
  return api.uploadImage(found.bytes, media.contentType, media.title || `photo.${media.contentType.split('/')[1]}`)
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

const HELD_BECAUSE: Record<HoldReason, string> = {
  window: 'outside WeChat 48-hour customer-service window; sent when the customer writes again',
  quota: 'WeChat 45047: 5 messages per customer message used up; the rest goes when the customer writes again',
}

async function hold(services: Services, d: Delivery, reason: HoldReason): Promise<never> {
  await noteHeld(services, d, reason)
  throw new HoldDelivery(HELD_BECAUSE[reason])
}
