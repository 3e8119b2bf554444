/** Reading tickets: the staff list and detail, and the customer's own view (never anyone else's). */
import { z } from 'zod'
import type { Ctx } from '../context.ts'
import type { Db } from '../db/client.ts'
import { maybeAt } from '../db/columns.ts'
import { surveyColumns } from '../surveys/rows.ts'
import { ticketRow, toTicket } from './rows.ts'
import { attachmentsOf, findTicket, mustFindTicket, ticketEvents } from './store.ts'
import { PRIORITIES, STATUSES, TICKET_TYPES, type Ticket } from './types.ts'

export const listQuery = z.object({
  status: z.enum(STATUSES).optional(),
  type: z.enum(TICKET_TYPES).optional(),
  priority: z.enum(PRIORITIES).optional(),
  assigneeId: z.coerce.number().int().positive().optional(),
  ownerId: z.coerce.number().int().positive().optional(),
  customerId: z.string().max(100).optional(),
  mine: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  beforeId: z.coerce.number().int().positive().optional(),
})

export async function listTickets(ctx: Ctx, q: z.infer<typeof listQuery>): Promise<Ticket[]> {
  const me = ctx.actor.type === 'user' ? ctx.actor.id : null
  const r = await ctx.db.query(
    `select * from tickets where ($1::text is null or status = $1) and ($2::text is null or type = $2) and ($3::text is null or priority = $3)
       and ($4::bigint is null or assignee_id = $4) and ($5::bigint is null or owner_id = $5) and ($6::text is null or customer_id = $6)
       and ($7::bigint is null or assignee_id = $7 or owner_id = $7) and ($8::bigint is null or id < $8)
     order by id desc limit $9`,
    [
      q.status ?? null,
      q.type ?? null,
      q.priority ?? null,
      q.assigneeId ?? null,
      q.ownerId ?? null,
      q.customerId ?? null,
      q.mine === 'true' ? me : null,
      q.beforeId ?? null,
      q.limit,
    ],
  )
  return r.rows.map(toTicket)
}

/** A 回访 as the detail shows it: the row's own column names (the API has always sent them so). */
const surveyRow = surveyColumns.pick({
  id: true,
  round: true,
  status: true,
  score: true,
  level: true,
  comment: true,
  outcome: true,
  sent_at: true,
  answered_at: true,
})

export async function ticketDetail(ctx: Ctx, number: string) {
  const t = await mustFindTicket(ctx.db, { number })
  const surveys = await ctx.db.query(
    'select id, round, status, score, level, comment, outcome, sent_at, answered_at from surveys where ticket_id = $1 order by round',
    [t.id],
  )
  return {
    ticket: t,
    events: await ticketEvents(ctx.db, t.id),
    attachments: await attachmentsOf(ctx.db, t.id),
    surveys: surveys.rows.map((s) => surveyRow.parse(s)),
    ...(await mergeLinks(ctx.db, t)),
  }
}

const mergedRow = ticketRow.pick({ number: true, customer_id: true, conversation_id: true, channel: true, subject: true })

/** Where a merged ticket went, and which duplicates (with their own conversations) were merged into this one. */
export async function mergeLinks(db: Db, t: Ticket) {
  const into = t.mergedIntoId == null ? null : await findTicket(db, { id: t.mergedIntoId })
  const r = await db.query('select number, customer_id, conversation_id, channel, subject from tickets where merged_into_id = $1 order by id', [t.id])
  return {
    mergedInto: into?.number ?? null,
    merged: r.rows.map((row) => {
      const m = mergedRow.parse(row)
      return { number: m.number, customerId: m.customer_id, conversationId: m.conversation_id, channel: m.channel, subject: m.subject }
    }),
  }
}

const WITH_LAST_PUBLIC = `select t.*, (select public_text from ticket_events e where e.ticket_id = t.id and e.public_text is not null order by e.id desc limit 1) as last_public,
            (select max(at) from ticket_events e where e.ticket_id = t.id and e.public_text is not null) as last_public_at,
            (select number from tickets s where s.id = t.merged_into_id) as merged_into_number
       from tickets t`

const lastPublicRow = z.object({ last_public: z.string().nullable(), last_public_at: maybeAt, merged_into_number: z.string().nullable() })

function withLastUpdate(row: unknown) {
  const ticket = toTicket(row)
  const p = lastPublicRow.parse(row)
  return { ticket, lastUpdate: p.last_public, lastUpdateAt: p.last_public_at ?? ticket.updatedAt, mergedIntoNumber: p.merged_into_number }
}
export type CustomerTicket = ReturnType<typeof withLastUpdate>

/**
 * The customer's tickets, newest first, each with the last thing they were told. A ticket
 * their own duplicate was merged into counts as theirs: staff merged it because it is the
 * same customer (same record, or the same phone or email), and it is where their case went.
 */
export async function customerTickets(db: Db, customerId: string, opts: { number?: string; limit?: number } = {}): Promise<CustomerTicket[]> {
  const r = await db.query(
    `${WITH_LAST_PUBLIC}
      where (t.customer_id = $1 or exists (select 1 from tickets m where m.merged_into_id = t.id and m.customer_id = $1))
        and ($2::text is null or t.number = $2) order by t.id desc limit $3`,
    [customerId, opts.number?.toUpperCase() ?? null, opts.limit ?? 5],
  )
  return r.rows.map(withLastUpdate)
}

/** The ticket a customer's merged duplicate carries on as (they may see it: see customerTickets). */
export async function survivorOf(db: Db, merged: Ticket): Promise<CustomerTicket | null> {
  if (merged.mergedIntoId == null) return null
  const r = await db.query(`${WITH_LAST_PUBLIC} where t.id = $1`, [merged.mergedIntoId])
  return r.rows[0] ? withLastUpdate(r.rows[0]) : null
}
