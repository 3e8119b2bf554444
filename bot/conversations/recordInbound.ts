/**
 * Store a customer's message — once: the channel's message id is unique, so a redelivered
 * message is recognised here and the turn stops. A push channel's held replies (WeChat's
 * 48-hour window had closed) may go now that the customer wrote again.
 */
import type { ConversationTx } from './announce.ts'
import type { Conversation, MessageRow } from './rows.ts'
import { PULL_CHANNELS } from '../channels/senders.ts'
import type { Locale } from './types.ts'
import { mediaText, type InboundMedia } from './media.ts'

export interface Inbound {
  channelMessageId: string
  text: string
  payload?: string
  language: Locale
  at: Date
  /** Stored with the message; its text then says what arrived, before the caption. */
  media?: InboundMedia
}

/** The stored message id, or null for a duplicate. */
export async function recordInbound(w: ConversationTx, conv: Conversation, m: Inbound): Promise<number | null> {
  const text = m.media ? mediaText(m.media, m.text) : m.text
  const parts = JSON.stringify({ ...(m.payload ? { payload: m.payload } : {}), ...(m.media ? { media: m.media } : {}) })
  // One statement: the conversation row moves only when the message was new (a duplicate
  // inserts nothing), and the customer's language follows the message's when it changed.
  const inserted = await w.tx.query<{ id: number }>(
    `with m as (
       insert into messages (conversation_id, direction, sender_type, sender_id, text, parts, channel, channel_message_id, kind, created_at)
       values ($1, 'in', 'customer', $2, $3, $4, $5, $6, 'customer', $7)
       on conflict (channel, channel_message_id) where channel_message_id is not null do nothing returning id
     ), c as (
       update conversations set last_customer_message_at = $7, language = $8, updated_at = $7 where id = $1 and exists (select 1 from m)
     ), u as (
       update customers set language = $8 where id = $2 and language is distinct from $8 and exists (select 1 from m)
     )
     select id from m`,
    [conv.id, conv.customerId, text, parts, conv.channel, m.channelMessageId, m.at, m.language],
  )
  const id = inserted.rows[0]?.id
  if (id == null) return null
  const row: MessageRow = {
    id,
    conversationId: conv.id,
    direction: 'in',
    senderType: 'customer',
    senderId: conv.customerId,
    senderName: null,
    text,
    parts: JSON.parse(parts),
    isPrivate: false,
    kbEntryId: null,
    kind: 'customer',
    createdAt: m.at,
    channelMessageId: m.channelMessageId,
  }
  w.out.message(conv, id, { row, pending: false })
  // The web chat holds nothing: its replies travel over its own stream.
  if (!PULL_CHANNELS.has(conv.channel)) {
    const released = await w.tx.query<{ id: number }>(
      `update messages set delivery_status = 'pending' where conversation_id = $1 and delivery_status = 'held' returning id`,
      [conv.id],
    )
    w.out.deliver(released.rows.map((r) => r.id))
  }
  return id
}
