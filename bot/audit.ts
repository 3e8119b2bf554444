/**
 * 服务留痕: record who did what to which thing. Call inside the verb's transaction.
 * Every action is named here once, so the audit search and reports read a closed set.
 */
import { z } from 'zod'
import type { Actor } from './context.ts'
import type { Db } from './db/client.ts'

export const AUDIT_ACTIONS = [
  // conversations (bot/conversations/)
  'handoff.requested',
  'handoff.after_hours',
  'handoff.assigned',
  'handoff.accepted',
  'handoff.left_queue',
  'handoff.timed_out',
  'handoff.transferred',
  'handoff.requeued',
  'handoff.returned_to_bot',
  'conversation.closed',
  'conversation.labeled',
  'conversation.unlabeled',
  // customers (bot/customers/)
  'customer.updated',
  'customer.merged',
  'ticket.requested',
  // tickets and surveys
  'ticket.created',
  'ticket.assigned',
  'ticket.classified',
  'ticket.escalated',
  'ticket.merged',
  'ticket.priority_changed',
  'ticket.replied',
  'ticket.status_changed',
  'survey.answered',
  'survey.reason',
  // knowledge
  'kb.entry.created',
  'kb.entry.updated',
  'kb.entry.deleted',
  'kb.entry.restored',
  'kb.entry.similar_from_unanswered',
  'kb.entries.bulk',
  'kb.imported',
  'kb.category.created',
  'kb.category.renamed',
  'kb.category.deleted',
  'kb.synonyms.created',
  'kb.synonyms.updated',
  'kb.synonyms.deleted',
  'kb.thresholds.overridden',
  'kb.unanswered.dismissed',
  // staff and settings
  'staff.login',
  'staff.created',
  'staff.renamed',
  'staff.role_changed',
  'staff.capacity_changed',
  'staff.disabled',
  'staff.enabled',
  'staff.password_reset',
  'api_token.created',
  'api_token.revoked',
  'canned.created',
  'canned.updated',
  'canned.deleted',
  'settings.changed',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]
export const auditActionSchema = z.enum(AUDIT_ACTIONS)

/** One form per kind of actor: a customer is their customer id on every channel, so rows compare across channels. */
export function actorId(actor: Actor): string {
  return actor.type === 'system' ? actor.name : String(actor.id)
}

export async function recordEvent(
  db: Db,
  actor: Actor,
  action: AuditAction,
  subject: { type: string; id?: string | number | null },
  data: Record<string, unknown> = {},
): Promise<void> {
  await db.query(
    `insert into audit_events (actor_type, actor_id, action, subject_type, subject_id, data)
     values ($1, $2, $3, $4, $5, $6)`,
    [actor.type, actorId(actor), action, subject.type, subject.id == null ? null : String(subject.id), JSON.stringify(data)],
  )
}
