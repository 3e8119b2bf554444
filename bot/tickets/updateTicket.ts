/** Staff changes besides the status: priority (re-times the SLA), assignment, category. */
import { z } from 'zod'
import { recordEvent } from '../audit.ts'
import type { Ctx } from '../context.ts'
import { Forbidden, NotFound, ValidationError } from '../errors.ts'
import { parseInput } from '../http/json.ts'
import { inTicketTx, isSupervisor, staffIdOf } from './effects.ts'
import { notifyStaff } from './notifyStaff.ts'
import { recomputeSla } from './sla.ts'
import { addTicketEvent, mustFindTicket } from './store.ts'
import { PRIORITIES, TICKET_TYPES, type Ticket } from './types.ts'

export const priorityInput = z.object({ priority: z.enum(PRIORITIES) })
export const assignInput = z.object({ assigneeId: z.number().int().positive(), team: z.string().trim().min(1).max(60).optional() })
export const classifyInput = z.object({
  type: z.enum(TICKET_TYPES).optional(),
  categoryPath: z.array(z.string().trim().min(1).max(60)).max(3).optional(),
  subject: z.string().trim().min(1).max(200).optional(),
})

export async function setTicketPriority({ ctx, number, input }: { ctx: Ctx; number: string; input: z.input<typeof priorityInput> }): Promise<Ticket> {
  const { priority } = parseInput(priorityInput, input)
  return inTicketTx(ctx, async (tx) => {
    const t = await mustFindTicket(tx, { number }, true)
    if (t.priority === priority) return t
    const now = ctx.clock.now()
    await tx.query('update tickets set priority = $2, updated_at = $3 where id = $1', [t.id, priority, now])
    await addTicketEvent(tx, ctx.actor, t.id, now, { kind: 'priority', from: t.priority, to: priority })
    await recordEvent(tx, ctx.actor, 'ticket.priority_changed', { type: 'ticket', id: t.number }, { from: t.priority, to: priority })
    await recomputeSla(ctx, tx, { ...t, priority })
    return mustFindTicket(tx, { id: t.id })
  })
}

/** Give the work to someone. Agents may take a ticket themselves; supervisors give it to anyone. The owner never changes. */
export async function assignTicket({ ctx, number, input }: { ctx: Ctx; number: string; input: z.input<typeof assignInput> }): Promise<Ticket> {
  const i = parseInput(assignInput, input)
  if (!isSupervisor(ctx) && staffIdOf(ctx) !== i.assigneeId) throw new Forbidden('Agents can take a ticket themselves; a supervisor assigns it to others.')
  return inTicketTx(ctx, async (tx, fx) => {
    const t = await mustFindTicket(tx, { number }, true)
    const who = await tx.query('select 1 from staff_users where id = $1 and not disabled', [i.assigneeId])
    if (!who.rows[0]) throw new NotFound(`No active staff member ${i.assigneeId}.`)
    const now = ctx.clock.now()
    // 首问负责: the first person to take a ticket that has no owner becomes its owner.
    await tx.query('update tickets set assignee_id = $2, owner_id = coalesce(owner_id, $2), team = coalesce($3, team), updated_at = $4 where id = $1', [
      t.id,
      i.assigneeId,
      i.team ?? null,
      now,
    ])
    await addTicketEvent(tx, ctx.actor, t.id, now, {
      kind: 'assigned',
      from: t.assigneeId == null ? null : String(t.assigneeId),
      to: String(i.assigneeId),
      data: { team: i.team },
    })
    await recordEvent(tx, ctx.actor, 'ticket.assigned', { type: 'ticket', id: t.number }, { from: t.assigneeId, to: i.assigneeId })
    if (i.assigneeId !== staffIdOf(ctx))
      fx.ping(
        await notifyStaff(tx, now, { userIds: [i.assigneeId] }, { kind: 'ticket_assigned', ticketId: t.id, data: { number: t.number } }),
        'ticket_assigned',
        t.id,
      )
    return mustFindTicket(tx, { id: t.id })
  })
}

export async function classifyTicket({ ctx, number, input }: { ctx: Ctx; number: string; input: z.input<typeof classifyInput> }): Promise<Ticket> {
  const i = parseInput(classifyInput, input)
  if (!i.type && !i.categoryPath && !i.subject) throw new ValidationError('Nothing to change.')
  return inTicketTx(ctx, async (tx) => {
    const t = await mustFindTicket(tx, { number }, true)
    const now = ctx.clock.now()
    await tx.query(
      'update tickets set type = coalesce($2, type), category_path = coalesce($3, category_path), subject = coalesce($4, subject), updated_at = $5 where id = $1',
      [t.id, i.type ?? null, i.categoryPath ?? null, i.subject ?? null, now],
    )
    await addTicketEvent(tx, ctx.actor, t.id, now, {
      kind: 'classified',
      data: { before: { type: t.type, categoryPath: t.categoryPath, subject: t.subject }, after: i },
    })
    await recordEvent(tx, ctx.actor, 'ticket.classified', { type: 'ticket', id: t.number }, i)
    const next = await mustFindTicket(tx, { id: t.id })
    if (i.type && i.type !== t.type) await recomputeSla(ctx, tx, next)
    return next
  })
}
