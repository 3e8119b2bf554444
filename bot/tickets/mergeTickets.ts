/**
 * Merge duplicates (the customer who wrote twice, through two channels) into one ticket
 * that carries on. Each duplicate is closed with close_reason 'merged' and points at the
 * survivor; its notes, attachments and history stay on it, readable. Its SLA timers go
 * stale (version bump, closed), its callback survey is cancelled, and its customer is told
 * on their own channel which number the case continues under. The survivor's history
 * records each merge. Refused: a ticket into itself (400), a closed or merged ticket on
 * either side (409), and tickets of people who are not evidently the same customer — the
 * same customer record, or the same phone or email on their profiles (409).
 */
import { z } from 'zod'
import { recordEvent } from '../audit.ts'
import type { Ctx } from '../context.ts'
import type { Db } from '../db/client.ts'
import { Conflict, ValidationError } from '../errors.ts'
import { parseInput } from '../http/json.ts'
import { deliverToCustomer } from './deliver.ts'
import { sameCustomer } from './duplicates.ts'
import { inTicketTx, type Effects } from './effects.ts'
import { sayT } from './phrases.ts'
import { addTicketEvent, mustFindTicket } from './store.ts'
import { findTicketNumber, type Ticket } from './types.ts'

export const mergeInput = z.object({
  /** The duplicates, merged into the ticket named in the path. */
  from: z
    .array(
      z
        .string()
        .trim()
        .regex(/^T\d{8}-?\d{4,}$/i, 'A ticket number looks like T20261123-0007.'),
    )
    .min(1)
    .max(20),
  /** Why (kept in the history; staff only). */
  note: z.string().trim().max(2000).optional(),
})

function refuseClosed(t: Ticket, side: 'into' | 'from'): void {
  if (t.mergedIntoId != null) throw new Conflict(`Ticket ${t.number} was already merged into another ticket.`, { reason: 'merged', number: t.number, side })
  if (t.status === 'closed') throw new Conflict(`Ticket ${t.number} is closed; reopen it first.`, { reason: 'closed', number: t.number, side })
}

/** One duplicate into the survivor, inside the caller's transaction. */
async function mergeOne(ctx: Ctx, tx: Db, fx: Effects, dup: Ticket, into: Ticket, note: string | undefined): Promise<void> {
  const now = ctx.clock.now()
  // Closed as merged; the SLA version moves on, so its pending timers wake up stale.
  await tx.query(
    `update tickets set status = 'closed', close_reason = 'merged', merged_into_id = $2, closed_at = $3, updated_at = $3,
       resolution_paused_at = null, sla_version = sla_version + 1 where id = $1`,
    [dup.id, into.id, now],
  )
  // A callback still waiting to go out, or waiting for an answer, asks about a ticket that no longer runs.
  await tx.query(`update surveys set status = 'cancelled' where ticket_id = $1 and status in ('scheduled', 'sent')`, [dup.id])
  let told: string | null = null
  await deliverToCustomer(ctx, tx, fx, dup.customerId, { conversationId: dup.conversationId, channel: dup.channel }, (l) => {
    told = sayT('mergedInto', l, { number: dup.number, into: into.number })
    return [{ kind: 'system', senderType: 'system', text: told }]
  })
  await addTicketEvent(tx, ctx.actor, dup.id, now, {
    kind: 'merged_into',
    from: dup.status,
    to: into.number,
    publicText: told,
    data: { note, intoId: into.id },
  })
  await addTicketEvent(tx, ctx.actor, into.id, now, {
    kind: 'merged_from',
    to: dup.number,
    data: { note, ticketId: dup.id, customerId: dup.customerId, conversationId: dup.conversationId, channel: dup.channel },
  })
  await recordEvent(tx, ctx.actor, 'ticket.merged', { type: 'ticket', id: dup.number }, { into: into.number, fromStatus: dup.status })
}

/** POST /api/v1/tickets/:number/merge — merge `from` into `number`. */
export async function mergeTickets({
  ctx,
  number,
  input,
}: {
  ctx: Ctx
  number: string
  input: z.input<typeof mergeInput>
}): Promise<{ ticket: Ticket; merged: string[] }> {
  const i = parseInput(mergeInput, input)
  const canonical = (n: string) => findTicketNumber(n) ?? n.toUpperCase()
  const fromNumbers = [...new Set(i.from.map(canonical))]
  number = canonical(number)
  if (fromNumbers.includes(number)) throw new ValidationError('A ticket cannot be merged into itself.', { reason: 'self', number })
  return inTicketTx(ctx, async (tx, fx) => {
    // Locks in id order, so two merges touching the same tickets cannot deadlock.
    const ids = (
      await tx.query<{ id: number; number: string }>('select id, number from tickets where number = any($1) order by id', [[number, ...fromNumbers]])
    ).rows
    for (const row of ids) await mustFindTicket(tx, { id: row.id }, true)
    const into = await mustFindTicket(tx, { number })
    refuseClosed(into, 'into')
    const dups: Ticket[] = []
    for (const n of fromNumbers) {
      const dup = await mustFindTicket(tx, { number: n })
      refuseClosed(dup, 'from')
      if (!(await sameCustomer(tx, into.customerId, dup.customerId))) {
        throw new Conflict(`Ticket ${dup.number} belongs to another customer (no shared phone or email); only the same customer's tickets are merged.`, {
          reason: 'unrelated',
          number: dup.number,
        })
      }
      dups.push(dup)
    }
    for (const dup of dups) await mergeOne(ctx, tx, fx, dup, into, i.note)
    await tx.query('update tickets set updated_at = $2 where id = $1', [into.id, ctx.clock.now()])
    return { ticket: await mustFindTicket(tx, { id: into.id }), merged: dups.map((d) => d.number) }
  })
}
