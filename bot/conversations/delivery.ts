/**
 * The outbox: outbound messages to push channels and their delivery state (pending →
 * sent | held | failed; held → pending when the customer writes again). The delivery job
 * (bot/channels/deliver.ts) reads a pending row and records what the channel said here.
 */
import { z } from 'zod'
import type { Delivery } from '../channels/senders.ts'
import type { Db } from '../db/client.ts'
import { maybeAt } from '../db/columns.ts'
import type { ConversationTx } from './announce.ts'
import { addNote } from './addNote.ts'
import { messageRow } from './rows.ts'
import { DELIVERY_STATUSES, type DeliveryStatus, type OutboundMedia } from './types.ts'

const deliveryRow = messageRow.extend({
  channel_address: z.record(z.string(), z.unknown()).nullable(),
  external_id: z.string().nullable(),
  last_customer_message_at: maybeAt,
  delivered_pieces: z.array(z.string()),
  sending_piece: z.number().int().nullable(),
  sending_token: z.string().nullable(),
})

/**
 * A pending reply and the pieces of it that went out already (a retry or a release after a
 * hold resumes after them); `inFlight` is a piece whose platform call started and never
 * returned — the process died during it.
 */
export type PendingDelivery = Delivery & { deliveredPieces: string[]; inFlight: { piece: number; token: string } | null }

/** Another run of this delivery holds it now (its job was handed out again): this run stops without a word. */
export class DeliverySuperseded extends Error {
  override name = 'DeliverySuperseded'
}

/** A pending reply with what its sender needs (address, the customer's channel id, when they last wrote); null when not pending. */
export async function loadPending(db: Db, messageId: number): Promise<PendingDelivery | null> {
  const r = await db.query(
    // The customer's last word on this channel in any conversation: a survey may open a new one.
    `select m.*, c.channel_address, i.external_id,
            (select max(c2.last_customer_message_at) from conversations c2
              where c2.customer_id = c.customer_id and c2.channel = c.channel) as last_customer_message_at
       from messages m join conversations c on c.id = m.conversation_id
       left join lateral (select external_id from customer_identities where customer_id = c.customer_id and channel = c.channel
                          order by last_seen_at desc limit 1) i on true
      where m.id = $1 and m.delivery_status = 'pending' and m.direction = 'out' and not m.is_private`,
    [messageId],
  )
  if (!r.rows[0]) return null
  const m = deliveryRow.parse(r.rows[0])
  if (m.kind === 'customer' || m.kind === 'note' || m.kind === null || m.sender_type === 'customer') return null
  return {
    id: m.id,
    conversationId: m.conversation_id,
    channel: m.channel,
    address: m.channel_address ?? {},
    kind: m.kind,
    senderType: m.sender_type,
    text: m.text,
    buttons: m.parts?.buttons ?? [],
    links: m.parts?.links ?? [],
    images: m.parts?.images ?? [],
    ...(outboundMedia(m.parts?.media) ?? {}),
    kbEntryId: m.kb_entry_id,
    createdAt: m.created_at,
    externalUserId: m.external_id,
    lastCustomerMessageAt: m.last_customer_message_at,
    deliveredPieces: m.delivered_pieces,
    inFlight: m.sending_piece != null && m.sending_token != null ? { piece: m.sending_piece, token: m.sending_token } : null,
  }
}

/** An agent's stored photo or file on an outgoing row, as the senders take it. */
function outboundMedia(media: { fileId?: string; contentType?: string; size?: number; title?: string } | undefined): { media: OutboundMedia } | null {
  if (!media?.fileId || !media.contentType) return null
  return { media: { fileId: media.fileId, contentType: media.contentType, size: media.size ?? 0, ...(media.title ? { title: media.title } : {}) } }
}

/** The state of the first earlier reply of the conversation that has not gone out, if any. */
export async function earlierUndelivered(db: Db, d: Pick<Delivery, 'conversationId' | 'id'>): Promise<DeliveryStatus | undefined> {
  const r = await db.query(
    `select delivery_status from messages where conversation_id = $1 and id < $2 and delivery_status in ('pending', 'held') order by id limit 1`,
    [d.conversationId, d.id],
  )
  return r.rows[0] ? z.enum(DELIVERY_STATUSES).parse(r.rows[0].delivery_status) : undefined
}

/** Pending rows older than `before`: no job may hold them (a crash between commit and enqueue). */
export async function stalePending(db: Db, before: Date): Promise<number[]> {
  const r = await db.query<{ id: number }>(`select id from messages where delivery_status = 'pending' and created_at < $1 order by id limit 500`, [before])
  return r.rows.map((x) => x.id)
}

/**
 * The channel took it. A row another path already carried (WeChat's passive reply) stays as
 * that path recorded it; a piece that may not have arrived keeps its warning.
 */
export async function markSent(w: ConversationTx, id: number, platformMessageIds: string[]): Promise<void> {
  await w.tx.query(
    `update messages set delivery_status = 'sent', delivery_route = 'outbox', platform_message_id = $2, delivered_at = $3,
            delivery_error = case when cardinality(unconfirmed_pieces) > 0 then delivery_error end
      where id = $1 and delivery_status = 'pending'`,
    [id, platformMessageIds.filter(Boolean).join(',') || null, w.ctx.clock.now()],
  )
}

/**
 * Piece `piece` is about to be handed to the platform: marked (with this run's token) before
 * the call, so a crash during it is known afterwards. Only the next unsent piece of a pending
 * reply that no other run has marked can be started; anything else means this run was superseded.
 */
export async function startPiece(w: ConversationTx, id: number, piece: number, token: string): Promise<void> {
  const r = await w.tx.query(
    `update messages set sending_piece = $2, sending_token = $3
      where id = $1 and delivery_status = 'pending' and cardinality(delivered_pieces) = $2 and (sending_token is null or sending_token = $3)`,
    [id, piece, token],
  )
  if (r.rowCount === 0) throw new DeliverySuperseded(`message ${id}: piece ${piece} is not this run's to send`)
}

/** The started piece went out ('' when the platform gave no id): recorded, unmarked; a retry starts after it. */
export async function recordPiece(w: ConversationTx, id: number, platformMessageId: string, token: string): Promise<void> {
  const r = await w.tx.query(
    `update messages set delivered_pieces = delivered_pieces || $2::text, sending_piece = null, sending_token = null
      where id = $1 and delivery_status = 'pending' and sending_token = $3`,
    [id, platformMessageId, token],
  )
  if (r.rowCount === 0) throw new DeliverySuperseded(`message ${id}: another run took this delivery over`)
}

/** The platform call for the started piece failed with an answer: it did not go out, so a retry may send it. */
export async function unstartPiece(w: ConversationTx, id: number, token: string): Promise<void> {
  await w.tx.query(`update messages set sending_piece = null, sending_token = null where id = $1 and sending_token = $2`, [id, token])
}

/**
 * The previous run died during the platform call for one piece: the customer may or may not
 * have it, and sending it again could show it twice. It is counted as done but listed in
 * unconfirmed_pieces, and the agent is told in a private note, so a person can ask; the rest
 * of the reply goes on. False when another run got there first.
 */
export async function abandonInFlight(
  w: ConversationTx,
  d: Pick<PendingDelivery, 'id' | 'conversationId' | 'channel' | 'text'>,
  inFlight: { piece: number; token: string },
): Promise<boolean> {
  const error = `第 ${inFlight.piece + 1} 段可能未送达 / Piece ${inFlight.piece + 1} may not have arrived: the sender stopped during the call`
  const r = await w.tx.query(
    `update messages set delivered_pieces = delivered_pieces || ''::text, unconfirmed_pieces = unconfirmed_pieces || sending_piece,
            sending_piece = null, sending_token = null, delivery_error = $3
      where id = $1 and delivery_status = 'pending' and sending_token = $2`,
    [d.id, inFlight.token, error],
  )
  if (r.rowCount === 0) return false
  await addNote(
    w,
    { id: d.conversationId, channel: d.channel },
    {
      text: `这条回复可能未送达 / This reply may not have arrived (${d.channel}): 发送中途服务停止，为免重复未再发送；请向顾客确认 / the sender stopped while handing it over and it was not sent again, to avoid a duplicate — please check with the customer — “${d.text.slice(0, 80)}”`,
    },
  )
  return true
}

/** The channel will not take it now: kept until the customer writes again (recordInbound releases it). */
export async function hold(w: ConversationTx, id: number, reason: string): Promise<void> {
  await w.tx.query(`update messages set delivery_status = 'held', delivery_error = $2 where id = $1`, [id, reason])
}

/** A failed attempt that will be retried: the error is kept for the agent's view. */
export async function noteAttemptFailed(w: ConversationTx, id: number, error: string): Promise<void> {
  await w.tx.query(`update messages set delivery_error = $2 where id = $1`, [id, error])
}

/** Given up: the agent learns it from a private note and a live event. */
export async function fail(w: ConversationTx, d: Pick<Delivery, 'id' | 'conversationId' | 'channel' | 'text'>, error: string): Promise<void> {
  await w.tx.query(`update messages set delivery_status = 'failed', delivery_error = $2 where id = $1`, [d.id, error])
  await addNote(
    w,
    { id: d.conversationId, channel: d.channel },
    { text: `消息发送失败 / Delivery failed (${d.channel}): ${error.slice(0, 300)} — “${d.text.slice(0, 80)}”` },
  )
  w.out.event(d.conversationId, { type: 'delivery_failed', messageId: d.id, error })
}
