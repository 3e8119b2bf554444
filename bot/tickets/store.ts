/** SQL for tickets: numbers, reads, the event history. */
import type { Actor } from '../context.ts'
import type { Db } from '../db/client.ts'
import { NotFound } from '../errors.ts'
import { dayIn } from '../timeZone.ts'
import { toAttachment, toTicket, toTicketEvent } from './rows.ts'
import type { Ticket } from './types.ts'

/** T + the local day + a per-day sequence. The upsert's row lock makes it safe under concurrency. */
export async function nextTicketNumber(db: Db, now: Date, timezone: string): Promise<string> {
  const day = dayIn(now, timezone).replaceAll('-', '')
  const r = await db.query<{ last: number }>(
    `insert into ticket_counters (day, last) values ($1, 1)
     on conflict (day) do update set last = ticket_counters.last + 1 returning last`,
    [day],
  )
  return `T${day}-${String(r.rows[0]!.last).padStart(4, '0')}`
}

export async function findTicket(db: Db, ref: { id?: number; number?: string }, lock = false): Promise<Ticket | null> {
  const r =
    ref.id != null
      ? await db.query(`select * from tickets where id = $1 ${lock ? 'for update' : ''}`, [ref.id])
      : await db.query(`select * from tickets where number = $1 ${lock ? 'for update' : ''}`, [ref.number?.toUpperCase()])
  return r.rows[0] ? toTicket(r.rows[0]) : null
}

export async function mustFindTicket(db: Db, ref: { id?: number; number?: string }, lock = false): Promise<Ticket> {
  const t = await findTicket(db, ref, lock)
  if (!t) throw new NotFound(`No ticket ${ref.number ?? ref.id}.`)
  return t
}

export interface TicketEventInput {
  kind: string
  from?: string | null
  to?: string | null
  /** What the customer was told, if anything. */
  publicText?: string | null
  data?: Record<string, unknown>
}

/** One line of the ticket's history. Call inside the verb's transaction. */
export async function addTicketEvent(db: Db, actor: Actor, ticketId: number, at: Date, e: TicketEventInput): Promise<void> {
  const actorId = actor.type === 'system' ? actor.name : String(actor.id)
  await db.query(
    `insert into ticket_events (ticket_id, at, actor_type, actor_id, kind, from_value, to_value, public_text, data)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [ticketId, at, actor.type, actorId, e.kind, e.from ?? null, e.to ?? null, e.publicText ?? null, JSON.stringify(e.data ?? {})],
  )
}

export async function ticketEvents(db: Db, ticketId: number, opts: { publicOnly?: boolean } = {}) {
  const r = await db.query(
    `select e.*, u.display_name as actor_name from ticket_events e
       left join staff_users u on e.actor_type = 'user' and u.id::text = e.actor_id
      where ticket_id = $1 ${opts.publicOnly ? 'and public_text is not null' : ''} order by e.id`,
    [ticketId],
  )
  return r.rows.map(toTicketEvent)
}

export async function attachmentsOf(db: Db, ticketId: number) {
  const r = await db.query(
    `select a.id, a.url, a.title, a.added_by, a.created_at, a.media_id, f.content_type
       from ticket_attachments a left join media_files f on f.id = a.media_id where a.ticket_id = $1 order by a.id`,
    [ticketId],
  )
  return r.rows.map(toAttachment)
}
