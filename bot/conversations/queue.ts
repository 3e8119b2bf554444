/**
 * Into and out of the waiting queue. Queueing records why (the agent's first question),
 * what the customer asked and the bot tried (so nobody asks again), and the priority
 * (VIP first). Leaving it — the customer gave up waiting, or took a ticket instead — and
 * requeueing an absent agent's conversations are the other ways a queue changes.
 */
import { recordEvent } from '../audit.ts'
import type { ConversationTx } from './announce.ts'
import type { Conversation } from './rows.ts'
import { move } from './transition.ts'
import type { HandoffReason } from './types.ts'

export async function queue(w: ConversationTx, conv: Conversation, q: { reason: HandoffReason; priority: number; summary: unknown }): Promise<Conversation> {
  const next = await move(
    w,
    conv.id,
    'queue',
    ['queued_at = $2', 'priority = $3', 'handoff_reason = $4', 'handoff_summary = $5', `pending_options = '[]'`, 'fallback_streak = 0'],
    [q.priority, q.reason, JSON.stringify(q.summary)],
  )
  if (!next) throw new Error(`conversation ${conv.id} is not the bot's to hand over (${conv.status})`)
  await recordEvent(w.tx, w.ctx.actor, 'handoff.requested', { type: 'conversation', id: conv.id }, { reason: q.reason, priority: q.priority })
  return next
}

/** The customer leaves the queue; `forTicket` when they took the offered ticket instead (what they wrote is kept). */
export async function leaveQueue(w: ConversationTx, conv: Conversation, forTicket?: { text: string }): Promise<Conversation> {
  const next = await move(w, conv.id, 'leaveQueue', forTicket ? ['queued_at = null', `pending_options = '[]'`] : ['queued_at = null'])
  if (!next) throw new Error(`conversation ${conv.id} is not waiting (${conv.status})`)
  if (forTicket) await recordEvent(w.tx, w.ctx.actor, 'ticket.requested', { type: 'conversation', id: conv.id }, { text: forTicket.text, from: 'queue' })
  else await recordEvent(w.tx, w.ctx.actor, 'handoff.left_queue', { type: 'conversation', id: conv.id })
  return next
}

/** Back to the queue (first place for its priority: queued now), because its agent is gone. */
export async function requeue(w: ConversationTx, conv: Conversation, fromAgent: number, reason?: string): Promise<Conversation | null> {
  const next = await move(w, conv.id, 'requeue', ['assignee_id = null', 'queued_at = $2'])
  if (next) await recordEvent(w.tx, w.ctx.actor, 'handoff.requeued', { type: 'conversation', id: conv.id }, { fromAgent, reason })
  return next
}
