/**
 * An SLA timer fires. Stale timers (the ticket changed since: other version, clock already
 * met or paused, ticket closed or merged away) do nothing. A warning notifies the assignee
 * and the owner; a breach escalates: the priority goes up one step, the supervisors and
 * the owner are notified, and the remaining clock is re-timed for the new priority.
 */
import { recordEvent } from '../audit.ts'
import type { Ctx } from '../context.ts'
import { inTicketTx } from './effects.ts'
import { notifyStaff } from './notifyStaff.ts'
import { raisePriority, recomputeSla, type SlaTimer } from './sla.ts'
import { addTicketEvent, findTicket } from './store.ts'

export async function fireSlaTimer(ctx: Ctx, p: SlaTimer): Promise<'stale' | 'warned' | 'escalated'> {
  return inTicketTx(ctx, async (tx, fx) => {
    const t = await findTicket(tx, { id: p.ticketId }, true)
    if (!t || t.slaVersion !== p.version || t.status === 'resolved' || t.status === 'closed') return 'stale'
    if (p.clock === 'first_response' && t.firstRespondedAt) return 'stale'
    if (p.clock === 'resolution' && t.resolutionPausedAt) return 'stale' // waiting on the customer: the clock stands still
    const now = ctx.clock.now()
    const col = p.clock === 'first_response' ? 'first_response' : 'resolution'
    const data = { number: t.number, clock: p.clock, priority: t.priority, dueAt: p.clock === 'first_response' ? t.firstResponseDueAt : t.resolutionDueAt }
    if (p.level === 'warning') {
      await tx.query(`update tickets set ${col}_warned_at = $2 where id = $1`, [t.id, now])
      await addTicketEvent(tx, ctx.actor, t.id, now, { kind: 'sla_warning', to: p.clock, data })
      fx.ping(await notifyStaff(tx, now, { userIds: [t.assigneeId, t.ownerId] }, { kind: 'sla_warning', ticketId: t.id, data }), 'sla_warning', t.id)
      return 'warned'
    }
    const raised = raisePriority(t.priority)
    await tx.query(`update tickets set ${col}_breached_at = $2, priority = $3, updated_at = $2 where id = $1`, [t.id, now, raised])
    await addTicketEvent(tx, ctx.actor, t.id, now, { kind: 'sla_breach', from: t.priority, to: raised, data })
    await recordEvent(tx, ctx.actor, 'ticket.escalated', { type: 'ticket', id: t.number }, { clock: p.clock, from: t.priority, to: raised })
    const pinged = await notifyStaff(
      tx,
      now,
      { userIds: [t.ownerId, t.assigneeId], role: 'supervisor' },
      { kind: 'sla_breach', ticketId: t.id, data: { ...data, raisedTo: raised } },
    )
    fx.ping(pinged, 'sla_breach', t.id)
    const breached = { ...t, priority: raised, ...(p.clock === 'first_response' ? { firstResponseBreachedAt: now } : { resolutionBreachedAt: now }) }
    await recomputeSla(ctx, tx, breached)
    return 'escalated'
  })
}
