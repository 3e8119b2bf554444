/**
 * One WeChat access token for every process (Tencent's recommendation: a central token
 * store). Each new token from /cgi-bin/token invalidates the previous one after a short
 * overlap, so replicas that each fetched their own would keep invalidating each other, and
 * every 40001 would make every process fetch again.
 *
 * Where: a row per app id in the database (`wechat_access_tokens`), not Redis. The database
 * is the one thing every replica and the worker always share — the embedded default too —
 * while Redis is optional; the row is read once per process per token life (about 2 h) and
 * whenever WeChat rejects a token, which is no load. Redis would be a second place to keep
 * in step when configured and nothing when not.
 *
 * How: the renewer takes a lease on the row under `select … for update` in a short
 * transaction, commits, calls /cgi-bin/token outside any transaction, then writes the token
 * and clears the lease. No connection is held across the HTTP call (PGlite has only one, and
 * a pool should not wait on WeChat); the others, seeing the lease, poll the row until the new
 * token is there. A lease whose holder died ends after LEASE_MS and the next caller takes it.
 * A token WeChat rejected is renewed once for everyone: a renewal asked for because of token
 * T only fetches when the row still holds T — otherwise someone already replaced it.
 */
import { randomBytes } from 'node:crypto'
import type { Clock } from '../../bot/clock.ts'
import type { Db } from '../../bot/db/client.ts'

export interface StoredToken {
  token: string
  /** Epoch ms from which the next token should be fetched. */
  renewAt: number
}

/** How long a renewer may hold the lease (the token call times out after 10 s). */
const LEASE_MS = 15_000
/** How long a caller waits for another process's renewal before giving up (the job retries). */
const WAIT_MS = 20_000
const POLL_MS = 100

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

type Step = { kind: 'have'; token: StoredToken } | { kind: 'wait' } | { kind: 'fetch' }

export function sharedTokenStore(db: Db, clock: Clock, appId: string) {
  // Names this process's lease, so only its holder clears it.
  const me = randomBytes(8).toString('hex')

  /** In one short transaction: the valid token, or "someone is fetching", or the lease is ours. */
  async function step(rejected: string | null): Promise<Step> {
    return db.transaction(async (tx) => {
      await tx.query('insert into wechat_access_tokens (app_id) values ($1) on conflict (app_id) do nothing', [appId])
      const row = (
        await tx.query<{ token: string | null; renew_at: Date | null; refreshing_by: string | null; refreshing_until: Date | null }>(
          'select token, renew_at, refreshing_by, refreshing_until from wechat_access_tokens where app_id = $1 for update',
          [appId],
        )
      ).rows[0]!
      const now = clock.now().getTime()
      if (row.token && row.renew_at && row.token !== rejected && now < row.renew_at.getTime()) {
        return { kind: 'have', token: { token: row.token, renewAt: row.renew_at.getTime() } }
      }
      if (row.refreshing_by && row.refreshing_by !== me && row.refreshing_until && now < row.refreshing_until.getTime()) return { kind: 'wait' }
      await tx.query('update wechat_access_tokens set refreshing_by = $2, refreshing_until = $3, updated_at = $4 where app_id = $1', [
        appId,
        me,
        new Date(now + LEASE_MS),
        new Date(now),
      ])
      return { kind: 'fetch' }
    })
  }

  return {
    /**
     * The shared token; `rejected` is one WeChat just refused (40001/42001/40014): it is
     * replaced, once for everyone. `fetchToken` asks WeChat for a new one.
     */
    async get(fetchToken: () => Promise<StoredToken>, rejected: string | null = null): Promise<StoredToken> {
      const giveUpAt = Date.now() + WAIT_MS
      for (;;) {
        const s = await step(rejected)
        if (s.kind === 'have') return s.token
        if (s.kind === 'fetch') {
          let fresh: StoredToken
          try {
            fresh = await fetchToken()
          } catch (err) {
            await db.query('update wechat_access_tokens set refreshing_by = null, refreshing_until = null where app_id = $1 and refreshing_by = $2', [
              appId,
              me,
            ])
            throw err
          }
          // Written even if our lease ran out meanwhile: this is the newest token WeChat gave.
          await db.query(
            'update wechat_access_tokens set token = $2, renew_at = $3, refreshing_by = null, refreshing_until = null, updated_at = $4 where app_id = $1',
            [appId, fresh.token, new Date(fresh.renewAt), clock.now()],
          )
          return fresh
        }
        if (Date.now() > giveUpAt) throw new Error('WeChat access token: another process has been renewing it for too long')
        await sleep(POLL_MS)
      }
    },
  }
}
