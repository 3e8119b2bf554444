/**
 * SLA clocks. Each ticket has two targets (first response, resolution) from the
 * tickets.sla setting for its type and priority, counted in office hours. Timers are jobs
 * (a warning at 80 %, a breach at 100 %) carrying the ticket's sla_version: every
 * recompute bumps the version, so timers of an earlier state wake up and do nothing, and
 * because jobs are rows a restart drops none of them.
 *
 * Waiting on the customer is not our time: while a ticket is pending_customer the
 * resolution clock stands still (no timers, no due time); when it moves on, the office time
 * it waited is added to the target and fresh timers are set for what remains.
 */
import type { Ctx } from '../context.ts'
import type { Db } from '../db/client.ts'
import { getSetting } from '../settings.ts'
import { addBusinessTime, businessTimeBetween } from './businessHours.ts'
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
  const paused = t.resolutionPausedAt != null
  const clocks: { clock: SlaClock; start: Date; ms: number; waitedMs: number; live: boolean; warned: boolean }[] = [
    {
      clock: 'first_response',
      start: t.createdAt,
      ms: target.firstResponseMin * 60_000,
      waitedMs: 0,
      live: running && !t.firstRespondedAt && !t.firstResponseBreachedAt,
      warned: false,
    },
    {
      clock: 'resolution',
      start: t.resolutionStartAt,
      ms: target.resolutionMin * 60_000,
      waitedMs: t.resolutionPausedMs,
      live: running && !paused && !t.resolutionBreachedAt,
      warned: !!t.resolutionWarnedAt,
    },
  ]
  const resolution = clocks[1]!
  const r = await tx.query<{ sla_version: number }>(
    `update tickets set sla_version = sla_version + 1,
       first_response_due_at = case when first_responded_at is null then $2::timestamptz else first_response_due_at end,
       resolution_due_at = $3 where id = $1 returning sla_version`,
    [
      t.id,
      addBusinessTime(t.createdAt, clocks[0]!.ms, hours),
      paused ? null : addBusinessTime(t.resolutionStartAt, resolution.ms + resolution.waitedMs, hours),
    ],
  )
  const version = r.rows[0]!.sla_version
  const now = ctx.clock.now()
  for (const c of clocks.filter((x) => x.live)) {
    for (const [level, share] of [
      ['warning', WARN_AT],
      ['breach', 1],
    ] as const) {
      const runAt = addBusinessTime(c.start, Math.round(c.ms * share) + c.waitedMs, hours)
      // A warning already given is not given again just because the clock was re-timed after it.
      if (level === 'warning' && c.warned && runAt <= now) continue
      const timer: SlaTimer = { ticketId: t.id, clock: c.clock, level, version }
      await ctx.jobs.enqueue(SLA_TIMER_JOB, timer, { db: tx, runAt, dedupeKey: `sla:${t.id}:${version}:${c.clock}:${level}` })
    }
  }
}

/** Office time the ticket has been waiting on the customer since its clock stopped (0 when it is not waiting). */
export async function waitedSincePause(tx: Db, t: Ticket, now: Date): Promise<number> {
  if (!t.resolutionPausedAt) return 0
  return businessTimeBetween(t.resolutionPausedAt, now, await getSetting(tx, 'officeHours'))
}

const NEXT_PRIORITY: Record<Priority, Priority> = { low: 'normal', normal: 'high', high: 'urgent', urgent: 'urgent' }
export const raisePriority = (p: Priority) => NEXT_PRIORITY[p]
