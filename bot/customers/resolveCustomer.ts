/** Find the customer behind a channel identity, creating both on first contact. */
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import type { Db } from '../db/client.ts'
import type { Channel } from '../conversations/types.ts'
import { customerRow, identityRow, type CustomerTier } from './rows.ts'

export interface CustomerRef {
  id: string
  name: string | null
  language: 'zh' | 'en' | null
  tier: CustomerTier
  accountManagerId: number | null
}

export async function resolveCustomer(db: Db, channel: Channel, externalId: string, displayName: string | undefined, now: Date): Promise<CustomerRef> {
  // A known identity (every message after the first): seen now, and its customer, in one statement.
  const known = await db.query(
    `with i as (
       update customer_identities set last_seen_at = $3, display_name = coalesce($4, display_name)
        where channel = $1 and external_id = $2 returning customer_id
     )
     select c.id, c.name, c.language, c.tier, c.account_manager_id, c.merged_into_id from customers c join i on c.id = i.customer_id`,
    [channel, externalId, now, displayName ?? null],
  )
  if (known.rows[0]) {
    const row = mergedRow.parse(known.rows[0])
    return toRef(row.merged_into_id ? await carriedOn(db, row.id, channel, externalId) : row)
  }
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
  return toRef(await carriedOn(db, customerId, channel, externalId))
}

const toRef = (row: ReturnType<typeof customerRow.parse>): CustomerRef => ({
  id: row.id,
  name: row.name,
  language: row.language,
  tier: row.tier,
  accountManagerId: row.account_manager_id,
})

const mergedRow = customerRow.extend({ merged_into_id: z.string().nullable() })

/**
 * The customer this identity belongs to now. A merge (mergeCustomers.ts) moves identities to
 * the customer it keeps; should one still name the merged record, it follows the pointer and
 * moves the identity along, so a message on either channel reaches the same customer (统一服务出口).
 */
async function carriedOn(db: Db, customerId: string, channel: Channel, externalId: string) {
  let id = customerId
  for (let hop = 0; hop < 5; hop++) {
    const r = await db.query('select id, name, language, tier, account_manager_id, merged_into_id from customers where id = $1', [id])
    const row = mergedRow.parse(r.rows[0])
    if (!row.merged_into_id) {
      if (id !== customerId)
        await db.query('update customer_identities set customer_id = $3 where channel = $1 and external_id = $2', [channel, externalId, id])
      return row
    }
    id = row.merged_into_id
  }
  throw new Error(`customer ${customerId} is merged in a loop`)
}
