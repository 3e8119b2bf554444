/** What a ticket is: its kinds, its life cycle (which moves are allowed), and its shape (read from rows.ts). */
export const TICKET_TYPES = ['enquiry', 'complaint', 'suggestion', 'repair', 'return_refund', 'other'] as const
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const
export const STATUSES = ['new', 'open', 'pending_customer', 'resolved', 'closed', 'reopened'] as const
/** Why a resolution did not satisfy (闭环 outcome categories). */
export const REOPEN_OUTCOMES = ['not_fixed', 'dissatisfied', 'dissatisfied_attitude', 'repeated_failure'] as const

export type TicketType = (typeof TICKET_TYPES)[number]
export type Priority = (typeof PRIORITIES)[number]
export type TicketStatus = (typeof STATUSES)[number]

/**
 * The life cycle. "closed" only follows "resolved": a ticket is closed when the customer is
 * satisfied, does not answer the callback, or staff confirm it after resolving (闭环).
 */
export const TRANSITIONS: Record<TicketStatus, TicketStatus[]> = {
  new: ['open', 'pending_customer', 'resolved'],
  open: ['pending_customer', 'resolved'],
  pending_customer: ['open', 'resolved'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['open', 'pending_customer', 'resolved'],
}

export interface Ticket {
  id: number
  number: string
  customerId: string
  conversationId: number | null
  channel: string | null
  type: TicketType
  categoryPath: string[]
  priority: Priority
  status: TicketStatus
  subject: string
  description: string
  fields: Record<string, string>
  ownerId: number | null
  assigneeId: number | null
  team: string | null
  kbEntryId: string | null
  outcome: string | null
  /** 预防: why a complaint happened and what prevents it again (required to resolve one). */
  rootCause: string | null
  closeReason: string | null
  reopenCount: number
  slaVersion: number
  firstResponseDueAt: Date | null
  firstRespondedAt: Date | null
  firstResponseBreachedAt: Date | null
  resolutionStartAt: Date
  resolutionDueAt: Date | null
  resolutionWarnedAt: Date | null
  resolutionBreachedAt: Date | null
  /** Set while the resolution clock stands still (the ticket waits on the customer). */
  resolutionPausedAt: Date | null
  /** Office time spent waiting on the customer in this round, added to the resolution target. */
  resolutionPausedMs: number
  /** A duplicate merged into another ticket points at the one that carries on. */
  mergedIntoId: number | null
  resolvedAt: Date | null
  closedAt: Date | null
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

/** Matches a ticket number anywhere in a message: T20261123-0007 (any case, optional dash). */
export const TICKET_NUMBER = /\bT(\d{8})-?(\d{4,})\b/i

export function canonicalNumber(m: RegExpMatchArray): string {
  return `T${m[1]}-${m[2]}`
}

/** The ticket number in a piece of text, written the canonical way (T20261123-0007), or null. */
export function findTicketNumber(text: string): string | null {
  const m = text.match(TICKET_NUMBER)
  return m ? canonicalNumber(m) : null
}
