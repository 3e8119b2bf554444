/** The agent hands the conversation back: the bot answers again, from a clean slate (no old options, no miss streak). */
import { recordEvent } from '../audit.ts'
import type { ConversationTx } from './announce.ts'
import type { Conversation } from './rows.ts'
import { move } from './transition.ts'

export async function returnToBot(w: ConversationTx, conv: Conversation): Promise<Conversation | null> {
  const next = await move(w, conv.id, 'returnToBot', ['assignee_id = null', 'queued_at = null', `pending_options = '[]'`, 'fallback_streak = 0'])
  if (next) await recordEvent(w.tx, w.ctx.actor, 'handoff.returned_to_bot', { type: 'conversation', id: conv.id })
  return next
}
