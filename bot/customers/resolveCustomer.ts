/** Find the customer behind a channel identity, creating both on first contact. */
import { randomBytes } from 'node:crypto'
import type { Db } from '../db/client.ts'
import type { Channel } from '../conversations/types.ts'
import { customerRow, identityRow, type CUSTOMER_TIERS } from './rows.ts'

export interface CustomerRef {
  id: string
  name: string | null
  language: 'zh' | 'en' | null
  tier: (typeof CUSTOMER_TIERS)[number]
  accountManagerId: number | null
}

export async function resolveCustomer(db: Db, channel: Channel, externalId: string, displayName: string | undefined, now: Date): Promise<CustomerRef> {
  // A known identity (every message after the first): seen now, and its customer, in one statement.
  const known = await db.query(
    `with i as (
       update customer_identities set last_seen_at = $3, display_name = coalesce($4, display_name)
        where channel = $1 and external_id = $2 returning customer_id
     )
     select c.id, c.name, c.language, c.tier, c.account_manager_id from customers c join i on c.id = i.customer_id`,
    [channel, externalId, now, displayName ?? null],
  )
  if (known.rows[0]) return toRef(customerRow.parse(known.rows[0]))
  // First contact: the customer, then the identity that points at them.
  let customerId = `cu_${randomBytes(8).toString('hex')}`
  await db.query('insert into customers (id, name, created_at, updated_at) values ($1, $2, $3, $3)', [customerId, displayName ?? null, now])
  const linked = await db.query(
    `insert into customer_identities (channel, external_id, customer_id, display_name, created_at, last_seen_at)
     values ($1, $2, $3, $4, $5, $5) on conflict (channel, external_id) do nothing returning customer_id`,
    [channel, externalId, customerId, displayName ?? null, now],
  )
  // Two first messages raced: keep the identity the other one created.
  if (!linked.rows[0]) {
    await db.query('delete from customers where id = $1', [customerId])
    customerId = identityRow.parse(
      (await db.query('select customer_id from customer_identities where channel = $1 and external_id = $2', [channel, externalId])).rows[0],
    ).customer_id
  }
  const c = await db.query('select id, name, language, tier, account_manager_id from customers where id = $1', [customerId])
  return toRef(customerRow.parse(c.rows[0]))
}

const toRef = (row: ReturnType<typeof customerRow.parse>): CustomerRef => ({
  id: row.id,
  name: row.name,
  language: row.language,
  tier: row.tier,
  accountManagerId: row.account_manager_id,
})
