/**
 * SLA clocks. Each ticket has two targets (first response, resolution) from the
 * tickets.sla setting for its type and priority, counted in office hours. Timers are jobs
 * (a warning at 80 %, a breach at 100 %) carrying the ticket's sla_version: every
 * recompute bumps the version, so timers of an earlier state wake up and do nothing, and
 * because jobs are rows a restart drops none of them.
 */
import type { Ctx } from '../context.ts'
import type { Db } from '../db/client.ts'
import { getSetting } from '../settings.ts'
import { addBusinessTime } from './businessHours.ts'
import type { Priority, Ticket, TicketType } from './types.ts'

export const SLA_TIMER_JOB = 'tickets.sla'
export const WARN_AT = 0.8

export type SlaClock = 'first_response' | 'resolution'
export interface SlaTimer {
  ticketId: number
  clock: SlaClock
  level: 'warning' | 'breach'
  version: number
}

export async function slaTargets(db: Db, type: TicketType, priority: Priority) {
  const sla = await getSetting(db, 'tickets.sla')
  return sla.byType[type]?.[priority] ?? sla.byPriority[priority]
}

/** Work out the due times for the ticket as it now is, store them, and set fresh timers. */
export async function recomputeSla(ctx: Ctx, tx: Db, t: Ticket): Promise<void> {
  const target = await slaTargets(tx, t.type, t.priority)
  const hours = await getSetting(tx, 'officeHours')
  const running = t.status !== 'resolved' && t.status !== 'closed'
  const clocks: { clock: SlaClock; start: Date; minutes: number; live: boolean }[] = [
    { clock: 'first_response', start: t.createdAt, minutes: target.firstResponseMin, live: running && !t.firstRespondedAt && !t.firstResponseBreachedAt },
    { clock: 'resolution', start: t.resolutionStartAt, minutes: target.resolutionMin, live: running && !t.resolutionBreachedAt },
  ]
  const r = await tx.query<{ sla_version: number }>(
    `update tickets set sla_version = sla_version + 1,
       first_response_due_at = case when first_responded_at is null then $2::timestamptz else first_response_due_at end,
       resolution_due_at = $3 where id = $1 returning sla_version`,
    [t.id, addBusinessTime(t.createdAt, target.firstResponseMin * 60_000, hours), addBusinessTime(t.resolutionStartAt, target.resolutionMin * 60_000, hours)],
  )
  const version = r.rows[0]!.sla_version
  for (const c of clocks.filter((x) => x.live)) {
    for (const [level, share] of [['warning', WARN_AT], ['breach', 1]] as const) {
      const runAt = addBusinessTime(c.start, Math.round(c.minutes * 60_000 * share), hours)
      const timer: SlaTimer = { ticketId: t.id, clock: c.clock, level, version }
      await ctx.jobs.enqueue(SLA_TIMER_JOB, timer, { db: tx, runAt, dedupeKey: `sla:${t.id}:${version}:${c.clock}:${level}` })
    }
  }
}

const NEXT_PRIORITY: Record<Priority, Priority> = { low: 'normal', normal: 'high', high: 'urgent', urgent: 'urgent' }
export const raisePriority = (p: Priority) => NEXT_PRIORITY[p]
