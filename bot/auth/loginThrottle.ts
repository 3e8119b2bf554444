/**
 * The login throttle, per key (username + address), shared by every replica through the
 * database. An attempt is counted BEFORE the slow password hash: `reserveAttempt` records it
 * as a failure under a per-key lock, or refuses when the window is full, so a burst of
 * concurrent guesses cannot all be checked while earlier ones are still hashing.
 * `settleSuccess` clears the key once a guess was right; a wrong guess simply stays counted.
 */
import type { Config } from '../config.ts'
import type { Db } from '../db/client.ts'
import { RateLimited } from '../errors.ts'

type Throttle = Pick<Config, 'LOGIN_MAX_ATTEMPTS' | 'LOGIN_WINDOW_MINUTES'>

export async function reserveAttempt(db: Db, config: Throttle, key: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - config.LOGIN_WINDOW_MINUTES * 60_000)
  const reserved = await db.transaction(async (tx) => {
    // Serialises count-then-insert for one key on both engines; other keys are not held up
    // (a hash collision only makes two keys wait for each other's few milliseconds).
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [key])
    const failures = await tx.query<{ n: number }>('select count(*)::int as n from login_failures where key = $1 and at > $2', [key, since])
    if (failures.rows[0]!.n >= config.LOGIN_MAX_ATTEMPTS) return false
    await tx.query('insert into login_failures (key, at) values ($1, $2)', [key, now])
    return true
  })
  if (!reserved) {
    throw new RateLimited(`Too many failed logins; try again in ${config.LOGIN_WINDOW_MINUTES} minutes.`, {
      limit: 'login',
      retryAfterSeconds: config.LOGIN_WINDOW_MINUTES * 60,
    })
  }
}

/** A right guess: forget the key's failures, the reservation included (inside the caller's transaction). */
export async function settleSuccess(tx: Db, key: string): Promise<void> {
  await tx.query('delete from login_failures where key = $1', [key])
}
