/**
 * Rows of `tickets`, `ticket_events` and `ticket_attachments`, parsed with zod where they
 * are read: a column that drifts from what the code expects fails here, not in a screen.
 */
import { z } from 'zod'
import { at, int, maybeAt, texts } from '../db/columns.ts'
import { PRIORITIES, STATUSES, TICKET_TYPES, type Ticket } from './types.ts'

const ref = int.nullable()

export const ticketRow = z.object({
  id: int,
  number: z.string(),
  customer_id: z.string(),
  conversation_id: ref,
  channel: z.string().nullable(),
  type: z.enum(TICKET_TYPES),
  category_path: texts,
  priority: z.enum(PRIORITIES),
  status: z.enum(STATUSES),
  subject: z.string(),
  description: z.string(),
  fields: z.record(z.string(), z.string()).nullable(),
  owner_id: ref,
  assignee_id: ref,
  team: z.string().nullable(),
  kb_entry_id: z.string().nullable(),
  outcome: z.string().nullable(),
  root_cause: z.string().nullable().optional(),
  close_reason: z.string().nullable(),
  reopen_count: int,
  sla_version: int,
  first_response_due_at: maybeAt,
  first_responded_at: maybeAt,
  first_response_breached_at: maybeAt,
  resolution_start_at: at,
  resolution_due_at: maybeAt,
  resolution_warned_at: maybeAt,
  resolution_breached_at: maybeAt,
  resolution_paused_at: maybeAt,
  resolution_paused_ms: int,
  merged_into_id: ref,
  resolved_at: maybeAt,
  closed_at: maybeAt,
  created_by: z.string(),
  created_at: at,
  updated_at: at,
})

export function toTicket(row: unknown): Ticket {
  const r = ticketRow.parse(row)
  return {
    id: r.id,
    number: r.number,
    customerId: r.customer_id,
    conversationId: r.conversation_id,
    channel: r.channel,
    type: r.type,
    categoryPath: r.category_path,
    priority: r.priority,
    status: r.status,
    subject: r.subject,
    description: r.description,
    fields: r.fields ?? {},
    ownerId: r.owner_id,
    assigneeId: r.assignee_id,
    team: r.team,
    kbEntryId: r.kb_entry_id,
    outcome: r.outcome,
    rootCause: r.root_cause ?? null,
    closeReason: r.close_reason,
    reopenCount: r.reopen_count,
    slaVersion: r.sla_version,
    firstResponseDueAt: r.first_response_due_at,
    firstRespondedAt: r.first_responded_at,
    firstResponseBreachedAt: r.first_response_breached_at,
    resolutionStartAt: r.resolution_start_at,
    resolutionDueAt: r.resolution_due_at,
    resolutionWarnedAt: r.resolution_warned_at,
    resolutionBreachedAt: r.resolution_breached_at,
    resolutionPausedAt: r.resolution_paused_at,
    resolutionPausedMs: r.resolution_paused_ms,
    mergedIntoId: r.merged_into_id,
    resolvedAt: r.resolved_at,
    closedAt: r.closed_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

const eventRow = z.object({
  id: int,
  at,
  actor_type: z.string(),
  actor_id: z.string().nullable(),
  /** Joined from staff_users when a person acted. */
  actor_name: z.string().nullish(),
  kind: z.string(),
  from_value: z.string().nullable(),
  to_value: z.string().nullable(),
  public_text: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
})

export function toTicketEvent(row: unknown) {
  const e = eventRow.parse(row)
  return {
    id: e.id,
    at: e.at,
    actor: { type: e.actor_type, id: e.actor_id, name: e.actor_name ?? null },
    kind: e.kind,
    from: e.from_value,
    to: e.to_value,
    publicText: e.public_text,
    data: e.data ?? {},
  }
}
export type TicketEvent = ReturnType<typeof toTicketEvent>

const attachmentRow = z.object({
  id: int,
  url: z.string(),
  title: z.string(),
  added_by: z.string(),
  created_at: at,
  // A stored file (a customer's photo from the chat): its id and checked type.
  media_id: z.string().nullish(),
  content_type: z.string().nullish(),
})

export function toAttachment(row: unknown) {
  const a = attachmentRow.parse(row)
  return {
    id: a.id,
    url: a.url,
    title: a.title,
    addedBy: a.added_by,
    createdAt: a.created_at,
    mediaId: a.media_id ?? null,
    contentType: a.content_type ?? null,
  }
}
