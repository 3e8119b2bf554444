/**
 * Move a ticket through its life cycle. Only the moves in TRANSITIONS are allowed (else 409
 * with the allowed moves). Each move is recorded, told to the customer in their chat,
 * re-times the SLA (pending_customer stops the resolution clock, see sla.ts), and:
 * resolved → the callback survey is scheduled; reopened → back to the owner (首问负责),
 * who is notified.
 */
import { z } from 'zod'
import { recordEvent } from '../audit.ts'
import type { Ctx } from '../context.ts'
import type { Db } from '../db/client.ts'
import { Conflict, ValidationError } from '../errors.ts'
import { parseInput } from '../http/json.ts'
import { scheduleTicketSurvey } from '../surveys/schedule.ts'
import { deliverToCustomer } from './deliver.ts'
import { inTicketTx, isStaff, type Effects } from './effects.ts'
import { notifyStaff } from './notifyStaff.ts'
import { sayT } from './phrases.ts'
import { recomputeSla, waitedSincePause } from './sla.ts'
import { addTicketEvent, mustFindTicket } from './store.ts'
import { REOPEN_OUTCOMES, STATUSES, TRANSITIONS, type Ticket, type TicketStatus } from './types.ts'

export const statusInput = z.object({
  to: z.enum(STATUSES),
  /** Shown to the customer (what we need from them, how it was solved). */
  note: z.string().trim().max(2000).optional(),
  outcome: z.enum(REOPEN_OUTCOMES).optional(),
  /** 预防: required to resolve a complaint — what caused it and what prevents it again (staff only, never told the customer). */
  rootCause: z.string().trim().min(1).max(2000).optional(),
})

export interface ApplyOptions {
  note?: string
  rootCause?: string
  outcome?: string
  closeReason?: 'satisfied' | 'no_response' | 'staff'
  /** The caller already tells the customer (the survey answer in the chat)… */
  silent?: boolean
  /** …and this is what it said, kept for the customer's own view of the ticket. */
  publicText?: string
}

export async function applyStatus(ctx: Ctx, tx: Db, fx: Effects, t: Ticket, to: TicketStatus, o: ApplyOptions = {}): Promise<Ticket> {
  // A merged duplicate lives on as its survivor: it is not reopened on its own.
  if (t.mergedIntoId != null)
    throw new Conflict(`Ticket ${t.number} was merged into another ticket; work on that one.`, { status: t.status, allowed: [], reason: 'merged' })
  const allowed = TRANSITIONS[t.status]
  if (!allowed.includes(to)) {
    throw new Conflict(`A ${t.status} ticket cannot become ${to}.`, { status: t.status, allowed })
  }
  if (t.type === 'complaint' && to === 'resolved' && !o.rootCause && !t.rootCause)
    throw new ValidationError('投诉工单需要填写根本原因和预防措施才能标记为已解决。 / A complaint is resolved with its root cause and how to prevent it.', {
      field: 'rootCause',
      reason: 'root_cause_required',
    })
  const now = ctx.clock.now()
  // Every parameter is referenced whatever the move: PostgreSQL refuses unused ones.
  const sets: string[] = [
    'status = $2',
    'updated_at = $3',
    `close_reason = case when $2::text = 'closed' then $4::text when $2::text = 'reopened' then null else close_reason end`,
    `outcome = case when $2::text = 'reopened' then coalesce($5::text, outcome) else outcome end`,
    // Waiting on the customer stops the resolution clock; leaving that wait adds the office
    // time it took ($6) to the round's pause; a reopened ticket starts a new round from zero.
    `resolution_paused_at = case when $2::text = 'pending_customer' then $3::timestamptz else null end`,
    `resolution_paused_ms = case when $2::text = 'reopened' then 0 else resolution_paused_ms + $6::bigint end`,
  ]
  if (isStaff(ctx)) sets.push('first_responded_at = coalesce(first_responded_at, $3)')
  if (to === 'resolved') sets.push('resolved_at = $3')
  if (to === 'closed') sets.push('closed_at = $3')
  if (to === 'reopened') {
    // A new round: the resolution clock restarts, and the ticket goes back to its owner.
    sets.push(
      'reopen_count = reopen_count + 1',
      'resolution_start_at = $3',
      'resolved_at = null',
      'closed_at = null',
      'resolution_warned_at = null',
      'resolution_breached_at = null',
      'assignee_id = coalesce(owner_id, assignee_id)',
    )
  }
  if (o.rootCause) sets.push(`root_cause = $7`)
  const waited = await waitedSincePause(tx, t, now)
  await tx.query(`update tickets set ${sets.join(', ')} where id = $1`, [
    t.id,
    to,
    now,
    o.closeReason ?? 'staff',
    o.outcome ?? null,
    waited,
    ...(o.rootCause ? [o.rootCause] : []),
  ])
  const next = await mustFindTicket(tx, { id: t.id })
  const publicKey = `status_${to}` as const
  await recordEvent(
    tx,
    ctx.actor,
    'ticket.status_changed',
    { type: 'ticket', id: t.number },
    { from: t.status, to, outcome: o.outcome, closeReason: o.closeReason },
  )
  // What the customer was told is kept with the event, in their language, for their "查询工单".
  let told: string | null = null
  if (!o.silent) {
    await deliverToCustomer(ctx, tx, fx, t.customerId, { conversationId: t.conversationId, channel: t.channel }, (l) => {
      told = withNote(sayT(publicKey, l, { number: t.number, note: o.note ? `${o.note} ` : '' }), sayT(publicKey, l, { number: t.number, note: '' }), o.note)
      return [{ kind: 'system', senderType: 'system', text: told }]
    })
  }
  await addTicketEvent(tx, ctx.actor, t.id, now, {
    kind: 'status',
    from: t.status,
    to,
    publicText: told ?? o.publicText ?? null,
    data: {
      note: o.note,
      rootCause: o.rootCause,
      outcome: o.outcome,
      closeReason: to === 'closed' ? (o.closeReason ?? 'staff') : undefined,
      waitedMs: t.resolutionPausedAt ? waited : undefined,
    },
  })
  await recomputeSla(ctx, tx, next)
  if (to === 'resolved') await scheduleTicketSurvey(ctx, tx, next)
  if (to === 'reopened') {
    const pinged = await notifyStaff(
      tx,
      now,
      { userIds: [next.ownerId, next.assigneeId] },
      { kind: 'ticket_reopened', ticketId: t.id, data: { number: t.number, outcome: o.outcome ?? null } },
    )
    fx.ping(pinged, 'ticket_reopened', t.id)
  }
  return mustFindTicket(tx, { id: t.id })
}

/**
 * The note typed with a status change is for the customer: where the status's words have no
 * place for it ("已由专人受理", "已结案"…) it follows them, so it is never dropped.
 */
function withNote(told: string, withoutNote: string, note: string | undefined): string {
  return note && told === withoutNote ? `${told}\n${note}` : told
}

/** POST /api/v1/tickets/:number/status */
export async function changeTicketStatus({ ctx, number, input }: { ctx: Ctx; number: string; input: z.input<typeof statusInput> }): Promise<Ticket> {
  const i = parseInput(statusInput, input)
  return inTicketTx(ctx, async (tx, fx) => {
    const t = await mustFindTicket(tx, { number }, true)
    return applyStatus(ctx, tx, fx, t, i.to, { note: i.note, rootCause: i.rootCause, outcome: i.outcome, closeReason: 'staff' })
  })
}
