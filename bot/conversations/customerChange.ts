/**
 * What a change to the customer does to their conversations: a tier change re-orders their
 * open ones in the queue (分级服务: VIP first, decided by the profile), and a merge of two
 * customer records moves every conversation to the one kept. Callers are the customer verbs
 * (bot/customers/updateProfile.ts, mergeCustomers.ts), in their transaction.
 */
import { Conflict } from '../errors.ts'
import type { ConversationTx } from './announce.ts'
import { toConversation } from './rows.ts'

/** Queue priority of a tier: a VIP waits ahead of everyone else. */
export const tierPriority = (tier: string) => (tier === 'vip' ? 10 : 0)

/** The customer's open conversations take their tier's priority; waiting screens re-order. */
export async function reprioritise(w: ConversationTx, customerId: string, tier: string): Promise<number[]> {
  const r = await w.tx.query(
    `update conversations set priority = $2, updated_at = $3 where customer_id = $1 and status <> 'closed' and priority <> $2 returning *`,
    [customerId, tierPriority(tier), w.ctx.clock.now()],
  )
  const moved = r.rows.map(toConversation)
  for (const c of moved) w.out.status(c)
  return moved.map((c) => c.id)
}

/**
 * Every conversation of `fromId` now belongs to `intoId`. Two open conversations on one
 * channel cannot both stay open (the customer keeps one thread per channel), so that case is
 * refused before anything moves.
 */
export async function moveConversations(w: ConversationTx, fromId: string, intoId: string): Promise<number[]> {
  const clash = await w.tx.query<{ channel: string }>(
    `select a.channel from conversations a join conversations b on b.channel = a.channel
      where a.customer_id = $1 and b.customer_id = $2 and a.status <> 'closed' and b.status <> 'closed' limit 1`,
    [fromId, intoId],
  )
  if (clash.rows[0]) {
    const channel = clash.rows[0].channel
    throw new Conflict(
      `两位客户在 ${channel} 上都有未结束的会话，请先结束其中一个再合并。 Both customers have an open conversation on ${channel}; close one of them before merging.`,
      { code: 'open_on_same_channel', channel },
    )
  }
  const r = await w.tx.query('update conversations set customer_id = $2, updated_at = $3 where customer_id = $1 returning *', [
    fromId,
    intoId,
    w.ctx.clock.now(),
  ])
  const moved = r.rows.map(toConversation)
  for (const c of moved) if (c.status !== 'closed') w.out.status(c)
  return moved.map((c) => c.id)
}
