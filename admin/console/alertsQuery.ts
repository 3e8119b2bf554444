/**
 * What the console warns an agent about: customers waiting too long in the queue, and tickets
 * near or over their SLA. A ticket is "near" once the SLA timer has given its warning (at 80 %
 * of the office time, bot/tickets/sla.ts) and "over" once breached or past due — the timers own
 * business hours and pauses, so this reads their marks instead of doing the sums again.
 */
import type { Db } from '../../bot/db/client.ts'
import { WARN_AT } from '../../bot/tickets/sla.ts'
import { getSetting } from '../../bot/settings.ts'

export type AlertLevel = 'near' | 'over'

export interface TicketAlert {
  number: string
  subject: string
  clock: 'first_response' | 'resolution'
  level: AlertLevel
  dueAt: Date
}

export interface WaitAlert {
  conversationId: number
  customerName: string
  level: AlertLevel
  since: Date
}

export interface ConsoleAlerts {
  now: Date
  waiting: { count: number; oldestSince: Date | null }
  waits: WaitAlert[]
  tickets: TicketAlert[]
}

/** The agent's own tickets (owner or assignee); a supervisor sees everyone's. */
export async function consoleAlerts(db: Db, me: number, everyone: boolean, now: Date): Promise<ConsoleAlerts> {
  const limitSec = await getSetting(db, 'handoff.waitTimeoutSec')
  const waiting = await db.query<any>(
    `select c.id, c.queued_at, coalesce(cu.name, (select ci.display_name from customer_identities ci
              where ci.customer_id = c.customer_id and ci.display_name is not null
              order by ci.last_seen_at desc limit 1), c.customer_id) as name
       from conversations c join customers cu on cu.id = c.customer_id
      where c.status = 'waiting' order by c.queued_at nulls last, c.id`,
  )
  const waits: WaitAlert[] = []
  for (const w of waiting.rows) {
    if (!w.queued_at) continue
    const since = new Date(w.queued_at)
    const waited = (now.getTime() - since.getTime()) / 1000
    if (waited >= limitSec * WARN_AT) waits.push({ conversationId: w.id, customerName: w.name, since, level: waited >= limitSec ? 'over' : 'near' })
  }
  const tickets = await db.query<any>(
    `select number, subject, first_response_due_at, first_response_warned_at, first_response_breached_at, first_responded_at,
            resolution_due_at, resolution_warned_at, resolution_breached_at, resolution_paused_at
       from tickets
      where status not in ('resolved', 'closed') and ($2 or owner_id = $1 or assignee_id = $1)
        and (first_response_warned_at is not null or first_response_breached_at is not null or first_response_due_at <= $3
             or resolution_warned_at is not null or resolution_breached_at is not null or resolution_due_at <= $3)
      order by least(first_response_due_at, resolution_due_at) nulls last
      limit 50`,
    [me, everyone, now],
  )
  const ticketAlerts: TicketAlert[] = []
  for (const t of tickets.rows) {
    const first = t.first_responded_at ? null : level(t.first_response_due_at, t.first_response_warned_at, t.first_response_breached_at, now)
    const resolution = t.resolution_paused_at ? null : level(t.resolution_due_at, t.resolution_warned_at, t.resolution_breached_at, now)
    // The worse of the two clocks; on a tie the first response, which comes due first.
    const rank = (l: AlertLevel | null) => (l === 'over' ? 2 : l === 'near' ? 1 : 0)
    if (!first && !resolution) continue
    const pick = rank(first) >= rank(resolution) ? 'first_response' : 'resolution'
    const lv = (pick === 'first_response' ? first : resolution)!
    ticketAlerts.push({ number: t.number, subject: t.subject, clock: pick, level: lv, dueAt: new Date(t[`${pick}_due_at`]) })
  }
  const oldest = waiting.rows.find((w) => w.queued_at)?.queued_at
  return { now, waiting: { count: waiting.rows.length, oldestSince: oldest ? new Date(oldest) : null }, waits, tickets: ticketAlerts }
}

function level(due: unknown, warned: unknown, breached: unknown, now: Date): AlertLevel | null {
  if (breached || (due && new Date(due as string) <= now)) return 'over'
  return warned ? 'near' : null
}

/** For the landing page: how many customers wait, and how many of my tickets need attention. */
export async function waitingSummary(db: Db, me: number, everyone: boolean, now: Date) {
  const a = await consoleAlerts(db, me, everyone, now)
  return { waiting: a.waiting.count, oldestSince: a.waiting.oldestSince, longWaits: a.waits.length, tickets: a.tickets.length }
}
