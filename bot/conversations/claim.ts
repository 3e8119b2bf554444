/**
 * Two paths may carry a fresh WeChat reply: the passive answer in the webhook's HTTP
 * response, or the outbox through the customer-service API. Which one does is decided by
 * one conditional UPDATE of `delivery_route` (null while undecided), so a reply never goes
 * out twice. A row the outbox took stays pending until the API accepts it.
 *
 * A passive answer is only sent, never acknowledged: WeChat calling again with the same
 * MsgId is how we learn it was lost. The retry finds the turn's replies (repliesTo) and
 * answers them again, or, too late for that, gives them to the outbox (passiveLost).
 */
import type { Db } from '../db/client.ts'
import type { ConversationTx } from './announce.ts'
import type { Channel, DeliveryRoute, DeliveryStatus, OutboundMessage } from './types.ts'
import { messageRow } from './rows.ts'

class NotAllClaimed extends Error {}

/** All of these rows for the passive answer (recorded as sent), or none: another path has one already. */
export async function claimPassive(db: Db, messageIds: number[], now: Date): Promise<boolean> {
  if (messageIds.length === 0) return false
  try {
    return await db.transaction(async (tx) => {
      const r = await tx.query<{ id: number }>(
        `update messages set delivery_status = 'sent', delivery_route = 'passive', delivered_at = $2, delivery_error = null
          where id = any($1) and delivery_status = 'pending' and delivery_route is null returning id`,
        [messageIds, now],
      )
      if (r.rows.length !== messageIds.length) throw new NotAllClaimed()
      return true
    })
  } catch (err) {
    if (err instanceof NotAllClaimed) return false
    throw err
  }
}

/** The passive answer will not carry these (too late, too long): the outbox need not wait for it. */
export async function handToOutbox(db: Db, messageIds: number[]): Promise<void> {
  if (messageIds.length === 0) return
  await db.query(`update messages set delivery_route = 'outbox' where id = any($1) and delivery_status = 'pending' and delivery_route is null`, [messageIds])
}

/** Still undecided: pending and neither path has taken it. */
export async function undecided(db: Db, messageId: number): Promise<boolean> {
  const r = await db.query<{ id: number }>(`select id from messages where id = $1 and delivery_status = 'pending' and delivery_route is null`, [messageId])
  return r.rows.length === 1
}

/** The outbox takes the row (again, on a retry); false when the passive answer already carried it. */
export async function claimForOutbox(db: Db, messageId: number): Promise<boolean> {
  const r = await db.query<{ id: number }>(
    `update messages set delivery_route = 'outbox' where id = $1 and delivery_status = 'pending' and (delivery_route is null or delivery_route = 'outbox') returning id`,
    [messageId],
  )
  return r.rows.length === 1
}

export type TurnReply = Pick<OutboundMessage, 'id' | 'text' | 'buttons' | 'links' | 'images' | 'senderType'> & {
  status: DeliveryStatus | null
  route: DeliveryRoute | null
}

/** The replies the turn for this customer message made (stored at the message's own time), in order. */
export async function repliesTo(db: Db, channel: Channel, channelMessageId: string): Promise<TurnReply[]> {
  const r = await db.query(
    `select m.* from messages inbound join messages m on m.conversation_id = inbound.conversation_id and m.created_at = inbound.created_at
      where inbound.channel = $1 and inbound.channel_message_id = $2 and m.direction = 'out' and not m.is_private order by m.id`,
    [channel, channelMessageId],
  )
  return r.rows.map((row) => {
    const m = messageRow.parse(row)
    if (m.sender_type === 'customer') throw new Error(`message ${m.id} is outbound but from the customer`)
    return {
      id: m.id,
      text: m.text,
      buttons: m.parts?.buttons ?? [],
      links: m.parts?.links ?? [],
      images: m.parts?.images ?? [],
      senderType: m.sender_type,
      status: m.delivery_status,
      route: m.delivery_route,
    }
  })
}

/** The passive answer carrying these never arrived and no retry can carry it now: the outbox sends them. */
export async function passiveLost(w: ConversationTx, messageIds: number[]): Promise<void> {
  if (messageIds.length === 0) return
  const r = await w.tx.query<{ id: number }>(
    `update messages set delivery_status = 'pending', delivery_route = 'outbox', delivered_at = null
      where id = any($1) and ((delivery_status = 'sent' and delivery_route = 'passive') or (delivery_status = 'pending' and delivery_route is null))
      returning id`,
    [messageIds],
  )
  w.out.deliver(r.rows.map((x) => x.id))
}
