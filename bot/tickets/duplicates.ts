/**
 * Likely duplicates of a ticket, for the console's merge suggestion: other open, unmerged
 * tickets from around the same time (30 days either side) of the same customer, or of a
 * customer whose profile has the same phone or email — the person who wrote twice through
 * two channels, each channel having made its own customer record.
 */
import { z } from 'zod'
import type { Db } from '../db/client.ts'
import { toTicket } from './rows.ts'
import type { Ticket } from './types.ts'

const WINDOW_DAYS = 30

/** SQL: the customer rows `x` and `y` are evidently the same person. Merging requires it too. */
export const sameCustomerSql = (x: string, y: string) =>
  `(${x}.id = ${y}.id or (${x}.phone is not null and ${x}.phone = ${y}.phone) or (${x}.email is not null and lower(${x}.email) = lower(${y}.email)))`

const REASONS = ['same_customer', 'same_phone', 'same_email'] as const
export type DuplicateReason = (typeof REASONS)[number]
export interface Duplicate {
  ticket: Ticket
  customerName: string
  reason: DuplicateReason
}

/** The columns the suggestion adds to the ticket's own. */
const why = z.object({ customer_name: z.string(), reason: z.enum(REASONS) })

export async function likelyDuplicates(db: Db, t: Ticket, limit = 10): Promise<Duplicate[]> {
  const r = await db.query(
    `select d.*, coalesce(c.name, c.id) as customer_name,
            case when c.id = me.id then 'same_customer' when me.phone is not null and c.phone = me.phone then 'same_phone' else 'same_email' end as reason
       from tickets d join customers c on c.id = d.customer_id join customers me on me.id = $2
      where d.id <> $1 and d.status <> 'closed' and d.merged_into_id is null
        and d.created_at between $3::timestamptz - make_interval(days => $4) and $3::timestamptz + make_interval(days => $4)
        and ${sameCustomerSql('me', 'c')}
      order by d.id desc limit $5`,
    [t.id, t.customerId, t.createdAt, WINDOW_DAYS, limit],
  )
  return r.rows.map((row) => {
    const d = why.parse(row)
    return { ticket: toTicket(row), customerName: d.customer_name, reason: d.reason }
  })
}

/** Whether two customers are evidently the same person (see sameCustomerSql). */
export async function sameCustomer(db: Db, a: string, b: string): Promise<boolean> {
  const r = await db.query(`select 1 from customers x join customers y on y.id = $2 where x.id = $1 and ${sameCustomerSql('x', 'y')}`, [a, b])
  return r.rows.length > 0
}
