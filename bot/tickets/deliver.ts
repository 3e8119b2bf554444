/**
 * 统一服务出口: whatever staff do on a ticket reaches the customer in their own chat on
 * their own channel. The message goes into their open conversation there; if that one is
 * closed, a new conversation is opened at the same address. Stored inside the caller's
 * transaction through the conversation verbs; `out` tells live screens after commit.
 */
import type { Ctx } from '../context.ts'
import type { Db } from '../db/client.ts'
import { addReplies, touch, type Reply } from '../conversations/addReply.ts'
import type { Announcements } from '../conversations/announce.ts'
import { openConversation } from '../conversations/open.ts'
import { lastPlaceOf, readConversation, type Conversation } from '../conversations/store.ts'
import { localeSchema, type Locale } from '../conversations/types.ts'

export interface Delivery {
  conversationId: number
  messageIds: number[]
}

/** The conversation a message for this customer should go into, opened if need be. Null when they have no channel at all. */
export async function customerConversation(
  tx: Db,
  customerId: string,
  prefer: { conversationId?: number | null; channel?: string | null },
  now: Date,
): Promise<Conversation | null> {
  if (prefer.conversationId) {
    const conv = await readConversation(tx, prefer.conversationId)
    if (conv && conv.status !== 'closed') return conv
    prefer = { channel: prefer.channel ?? conv?.channel }
  }
  // The last place we heard from them: the requested channel, else their most recent conversation.
  const last = await lastPlaceOf(tx, customerId, prefer.channel ?? null)
  if (!last) return null
  const lang = await tx.query<{ language: string | null }>('select language from customers where id = $1', [customerId])
  const language = localeSchema.catch('zh').parse(lang.rows[0]?.language ?? last.language)
  return openConversation(tx, customerId, last.channel, last.channel_address ?? {}, language, now)
}

/** Store the replies for the customer; returns where they went (null: the customer has no channel). */
export async function deliverToCustomer(
  ctx: Ctx,
  tx: Db,
  out: Announcements,
  customerId: string,
  prefer: { conversationId?: number | null; channel?: string | null },
  build: (locale: Locale, conv: Conversation) => Reply[],
): Promise<Delivery | null> {
  const conv = await customerConversation(tx, customerId, prefer, ctx.clock.now())
  if (!conv) return null
  const w = { ctx, tx, out }
  const stored = await addReplies(w, conv, build(conv.language, conv))
  await touch(w, conv)
  return { conversationId: conv.id, messageIds: stored.map((m) => m.id) }
}
