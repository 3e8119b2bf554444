/** The ticket console's list: filters read from the query string, one SQL over tickets with names joined. */
import { z } from 'zod'
import type { Db } from '../../../bot/db/client.ts'
import { PRIORITIES, STATUSES, TICKET_TYPES } from '../../../bot/tickets/types.ts'

export const LIST_MAX = 200
export const SLA_STATES = ['breached', 'on_track', 'paused', 'done'] as const
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const opt = <T extends z.ZodTypeAny>(s: T) => s.optional().catch(undefined)

export const ticketFilters = z.object({
  status: opt(z.enum(STATUSES)),
  type: opt(z.enum(TICKET_TYPES)),
  priority: opt(z.enum(PRIORITIES)),
  owner: opt(z.coerce.number().int().positive()),
  assignee: opt(z.coerce.number().int().positive()),
  sla: opt(z.enum(SLA_STATES)),
  channel: opt(z.string().trim().min(1).max(40)),
  from: opt(day),
  to: opt(day),
})
export type TicketFilters = z.infer<typeof ticketFilters>

/**
 * breached: either SLA clock ran out; done: resolved or closed in time; paused: waiting on
 * the customer, so the resolution clock is stopped; on_track: still running, not breached.
 */
export function slaState(r: {
  status: string
  first_response_breached_at: unknown
  resolution_breached_at: unknown
  first_response_due_at: unknown
  resolution_due_at: unknown
  resolution_paused_at?: unknown
}): string {
  if (r.first_response_breached_at || r.resolution_breached_at) return 'breached'
  if (r.status === 'resolved' || r.status === 'closed') return 'done'
  if (r.resolution_paused_at) return 'paused'
  return r.first_response_due_at || r.resolution_due_at ? 'on_track' : 'none'
}

export async function listConsoleTickets(db: Db, f: TicketFilters) {
  const where: string[] = []
  const args: unknown[] = []
  const add = (sql: string, v: unknown) => {
    args.push(v)
    where.push(sql.replaceAll('$?', `$${args.length}`))
  }
  if (f.status) add('t.status = $?', f.status)
  if (f.type) add('t.type = $?', f.type)
  if (f.priority) add('t.priority = $?', f.priority)
  if (f.owner) add('t.owner_id = $?', f.owner)
  if (f.assignee) add('t.assignee_id = $?', f.assignee)
  if (f.channel) f.channel === 'none' ? where.push('t.channel is null') : add('t.channel = $?', f.channel)
  if (f.from) add('t.created_at >= $?::date', f.from)
  if (f.to) add(`t.created_at < ($?::date + interval '1 day')`, f.to)
  if (f.sla === 'breached') where.push('(t.first_response_breached_at is not null or t.resolution_breached_at is not null)')
  if (f.sla === 'on_track')
    where.push(
      `(t.first_response_breached_at is null and t.resolution_breached_at is null and t.resolution_paused_at is null and t.status not in ('resolved', 'closed'))`,
    )
  if (f.sla === 'paused')
    where.push(
      `(t.first_response_breached_at is null and t.resolution_breached_at is null and t.resolution_paused_at is not null and t.status not in ('resolved', 'closed'))`,
    )
  if (f.sla === 'done') where.push(`(t.first_response_breached_at is null and t.resolution_breached_at is null and t.status in ('resolved', 'closed'))`)
  const cond = where.length ? `where ${where.join(' and ')}` : ''
  const total = Number((await db.query<any>(`select count(*)::int as n from tickets t ${cond}`, args)).rows[0]?.n ?? 0)
  const rows = await db.query<any>(
    `select t.*, o.display_name as owner_name, a.display_name as assignee_name, coalesce(cu.name, cu.id) as customer
       from tickets t left join staff_users o on o.id = t.owner_id left join staff_users a on a.id = t.assignee_id
       left join customers cu on cu.id = t.customer_id ${cond} order by t.id desc limit ${LIST_MAX}`,
    args,
  )
  return { total, rows: rows.rows }
}

export async function staffChoices(db: Db) {
  return (
    await db.query<{ id: number; display_name: string; role: string }>(
      `select id, display_name, role from staff_users where not disabled order by display_name, id`,
    )
  ).rows.map((r) => ({ id: Number(r.id), name: r.display_name, role: r.role }))
}

export async function ticketChannels(db: Db): Promise<string[]> {
  return (await db.query<{ channel: string }>('select distinct channel from tickets where channel is not null order by channel')).rows.map((r) => r.channel)
}
