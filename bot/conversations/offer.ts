/**
 * What the bot offered last (clarify choices, "a person or a ticket?") and how many misses
 * in a row led there: the next "2" or button press is read against these options, and
 * the streak decides when to offer a person unasked (no dead ends).
 */
import type { ConversationTx } from './announce.ts'
import type { Conversation, PendingOption } from './rows.ts'

/** Remember the options (none clears them); the streak is kept unless given. */
export async function offer(w: ConversationTx, conv: Pick<Conversation, 'id'>, options: PendingOption[], streak?: number): Promise<void> {
  await w.tx.query('update conversations set pending_options = $2, fallback_streak = coalesce($3, fallback_streak) where id = $1', [
    conv.id,
    JSON.stringify(options),
    streak ?? null,
  ])
}

/**
 * The same, skipped when it would change nothing (most answers: no options before or after,
 * no streak): one round trip less per turn. `conv` must be the row as locked at the start
 * of this turn, with nothing in the turn having offered since.
 */
export async function offerIfChanged(
  w: ConversationTx,
  conv: Pick<Conversation, 'id' | 'pendingOptions' | 'fallbackStreak'>,
  options: PendingOption[],
  streak: number,
): Promise<void> {
  if (streak === conv.fallbackStreak && JSON.stringify(options) === JSON.stringify(conv.pendingOptions)) return
  await offer(w, conv, options, streak)
}
