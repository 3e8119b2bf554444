/**
 * 统一服务出口: whatever staff do on a ticket reaches the customer in their own chat on
 * their own channel. The message goes into their open conversation there; if that one is
 * closed, a new conversation is opened at the same address. Stored inside the caller's
 * transaction; `announce` tells live screens after commit.
 */
import type { Ctx } from '../context.ts'
import type { Db } from '../db/client.ts'
import { announceMessages, insertReply, type Reply } from '../conversations/emit.ts'
import { openConversation, readConversation, type Conversation } from '../conversations/store.ts'
import type { Channel, Locale } from '../conversations/types.ts'

export interface Delivery {
  conversationId: number
  messageIds: number[]
}

/** The conversation a message for this customer should go into, opened if need be. Null when they have no channel at all. */
export async function customerConversation(tx: Db, customerId: string, prefer: { conversationId?: number | null; channel?: string | null }, now: Date): Promise<Conversation | null> {
  if (prefer.conversationId) {
    const conv = await readConversation(tx, prefer.conversationId)
    if (conv && conv.status !== 'closed') return conv
    prefer = { channel: prefer.channel ?? conv?.channel }
  }
  // The last place we heard from them: the requested channel, else their most recent conversation.
  const last = await tx.query<any>(
    `select channel, channel_address, language from conversations where customer_id = $1 and ($2::text is null or channel = $2)
      order by (status <> 'closed') desc, id desc limit 1`,
    [customerId, prefer.channel ?? null],
  )
  const row = last.rows[0]
  if (!row) return null
  const lang = await tx.query<{ language: string | null }>('select language from customers where id = $1', [customerId])
  return openConversation(tx, customerId, row.channel as Channel, row.channel_address ?? {}, lang.rows[0]?.language ?? row.language ?? 'zh', now)
}

/** Store the replies for the customer; returns where they went (null: the customer has no channel). */
export async function deliverToCustomer(
  ctx: Ctx,
  tx: Db,
  customerId: string,
  prefer: { conversationId?: number | null; channel?: string | null },
  build: (locale: Locale, conv: Conversation) => Reply[],
): Promise<Delivery | null> {
  const now = ctx.clock.now()
  const conv = await customerConversation(tx, customerId, prefer, now)
  if (!conv) return null
  const ids: number[] = []
  for (const reply of build(conv.language, conv)) ids.push((await insertReply(tx, conv, reply, now)).id)
  await tx.query('update conversations set updated_at = $2 where id = $1', [conv.id, now])
  return { conversationId: conv.id, messageIds: ids }
}

/** After commit: tell the customer's screens (and the inbox). */
export async function announceDeliveries(ctx: Ctx, deliveries: (Delivery | null | undefined)[]): Promise<void> {
  for (const d of deliveries) if (d) await announceMessages(ctx, d.conversationId, d.messageIds)
}
