/**
 * Giving a conversation to a person. The first staff member who takes it becomes its
 * owner and stays accountable (首问负责); the assignee is who works it now, and a
 * transfer changes only the assignee (or sends it to a team's queue).
 */
import { recordEvent } from '../audit.ts'
import type { ConversationTx } from './announce.ts'
import { addNote } from './addNote.ts'
import type { Conversation } from './rows.ts'
import { move } from './transition.ts'

const TAKE = ['assignee_id = $3', 'owner_id = coalesce(owner_id, $3)', 'assigned_at = $2']

/** An agent takes it from the queue; null when it is no longer waiting (someone else was faster). */
export async function accept(w: ConversationTx, conv: Conversation, agentId: number): Promise<Conversation | null> {
  const next = await move(w, conv.id, 'accept', TAKE, [agentId])
  if (next) await recordEvent(w.tx, w.ctx.actor, 'handoff.accepted', { type: 'conversation', id: conv.id })
  return next
}

export type AssignedHow = 'supervisor' | 'account_manager' | 'auto'

export async function assign(w: ConversationTx, conv: Conversation, agentId: number, how: AssignedHow): Promise<Conversation | null> {
  const next = await move(w, conv.id, 'assign', TAKE, [agentId])
  if (next) await recordEvent(w.tx, w.ctx.actor, 'handoff.assigned', { type: 'conversation', id: conv.id }, { assigneeId: agentId, how })
  return next
}

export interface Transfer {
  toAgentId?: number
  toTeam?: string
  /** Shown to staff as a private note (who it went to, and why). */
  noteText: string
  note?: string
}

/** To another agent, or to a team's queue; a private note says so. */
export async function transfer(w: ConversationTx, conv: Conversation, byAgentId: number, t: Transfer): Promise<Conversation | null> {
  const next = t.toAgentId
    ? await move(w, conv.id, 'transferToAgent', ['assignee_id = $3', 'assigned_at = $2'], [t.toAgentId])
    : await move(w, conv.id, 'requeue', ['assignee_id = null', 'team = $3', 'queued_at = $2'], [t.toTeam ?? null])
  if (!next) return null
  await addNote(w, next, { agentId: byAgentId, text: t.noteText })
  await recordEvent(w.tx, w.ctx.actor, 'handoff.transferred', { type: 'conversation', id: conv.id }, { toAgentId: t.toAgentId, toTeam: t.toTeam, note: t.note })
  return next
}
