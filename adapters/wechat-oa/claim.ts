/**
 * Who sends a reply — the passive XML answer or the outbox — is decided by one
 * conditional UPDATE on the message row, so a reply never goes out twice. The outbox
 * marks a row 'outbox' (still pending until the API accepts it); the passive path takes
 * rows nobody marked and records them as sent with platform id 'passive'.
 */
import type { Db } from '../../bot/db/client.ts'

export const PASSIVE_ID = 'passive'
const OUTBOX_MARK = 'outbox'

/** All of these rows for the passive reply, or none (another sender already has one). */
export async function claimForPassiveReply(db: Db, messageIds: number[], now: Date): Promise<boolean> {
  if (messageIds.length === 0) return false
  try {
    return await db.transaction(async (tx) => {
      const r = await tx.query<{ id: number }>(
        `update messages set delivery_status = 'sent', platform_message_id = $2, delivered_at = $3, delivery_error = null
          where id = any($1) and delivery_status = 'pending' and platform_message_id is null returning id`,
        [messageIds, PASSIVE_ID, now],
      )
      if (r.rows.length !== messageIds.length) throw new NotAllClaimed()
      return true
    })
  } catch (err) {
    if (err instanceof NotAllClaimed) return false
    throw err
  }
}

class NotAllClaimed extends Error {}

/** The passive path will not carry these (too late, too long): the outbox need not wait for it. */
export async function handToOutbox(db: Db, messageIds: number[]): Promise<void> {
  if (messageIds.length === 0) return
  await db.query(`update messages set platform_message_id = $2 where id = any($1) and delivery_status = 'pending' and platform_message_id is null`, [messageIds, OUTBOX_MARK])
}

/** Still undecided: pending and neither path has taken it. */
export async function undecided(db: Db, messageId: number): Promise<boolean> {
  const r = await db.query<{ id: number }>(`select id from messages where id = $1 and delivery_status = 'pending' and platform_message_id is null`, [messageId])
  return r.rows.length === 1
}

/** The outbox takes the row (again, on a retry); false when a passive reply already carried it. */
export async function claimForOutbox(db: Db, messageId: number): Promise<boolean> {
  const r = await db.query<{ id: number }>(
    `update messages set platform_message_id = $2
      where id = $1 and delivery_status = 'pending' and (platform_message_id is null or platform_message_id = $2) returning id`,
    [messageId, OUTBOX_MARK],
  )
  return r.rows.length === 1
}
