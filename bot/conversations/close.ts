/**
 * End the conversation. The customer's next message opens a new one (the partial unique
 * index allows one open conversation per customer and channel).
 */
import { recordEvent } from '../audit.ts'
import type { ConversationTx } from './announce.ts'
import type { Conversation } from './rows.ts'
import { move } from './transition.ts'

export async function close(w: ConversationTx, conv: Conversation): Promise<Conversation | null> {
  const next = await move(w, conv.id, 'close', ['closed_at = $2', `pending_options = '[]'`])
  if (next) await recordEvent(w.tx, w.ctx.actor, 'conversation.closed', { type: 'conversation', id: conv.id })
  return next
}
