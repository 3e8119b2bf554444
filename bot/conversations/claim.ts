/**
 * Two paths may carry a fresh WeChat reply: the passive answer in the webhook's HTTP
 * response, or the outbox through the customer-service API. Which one does is decided by
 * one conditional UPDATE of `delivery_route` (null while undecided), so a reply never goes
 * out twice. A row the outbox took stays pending until the API accepts it.
 */
import type { Db } from '../db/client.ts'

class NotAllClaimed extends Error {}

/** All of these rows for the passive answer (recorded as sent), or none: another path has one already. */
export async function claimPassive(db: Db, messageIds: number[], now: Date): Promise<boolean> {
  if (messageIds.length === 0) return false
  try {
    return await db.transaction(async (tx) => {
      const r = await tx.query<{ id: number }>(
        `update messages set delivery_status = 'sent', delivery_route = 'passive', delivered_at = $2, delivery_error = null
          where id = any($1) and delivery_status = 'pending' and delivery_route is null returning id`,
        [messageIds, now],
      )
      if (r.rows.length !== messageIds.length) throw new NotAllClaimed()
      return true
    })
  } catch (err) {
    if (err instanceof NotAllClaimed) return false
    throw err
  }
}

/** The passive answer will not carry these (too late, too long): the outbox need not wait for it. */
export async function handToOutbox(db: Db, messageIds: number[]): Promise<void> {
  if (messageIds.length === 0) return
  await db.query(`update messages set delivery_route = 'outbox' where id = any($1) and delivery_status = 'pending' and delivery_route is null`, [messageIds])
}

/** Still undecided: pending and neither path has taken it. */
export async function undecided(db: Db, messageId: number): Promise<boolean> {
  const r = await db.query<{ id: number }>(`select id from messages where id = $1 and delivery_status = 'pending' and delivery_route is null`, [messageId])
  return r.rows.length === 1
}

/** The outbox takes the row (again, on a retry); false when the passive answer already carried it. */
export async function claimForOutbox(db: Db, messageId: number): Promise<boolean> {
  const r = await db.query<{ id: number }>(
    `update messages set delivery_route = 'outbox' where id = $1 and delivery_status = 'pending' and (delivery_route is null or delivery_route = 'outbox') returning id`,
    [messageId],
  )
  return r.rows.length === 1
}
