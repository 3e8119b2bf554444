/**
 * Replay protection for /wechat. The signature proves WeChat made a query once, not that it
 * is making it now: plain mode signs token, timestamp and nonce but not the body, so a
 * captured query could carry any message from any FromUserName, for ever. So a signed query
 * is accepted only while its timestamp is within the window of our clock, and each
 * timestamp + nonce only once within it — again only with the same body, which is WeChat's
 * own retry (answered once, through the MsgId de-duplication). Both are 401, nothing stored.
 */
import { sha256 } from '../../bot/auth/secrets.ts'
import type { Db } from '../../bot/db/client.ts'
import { Unauthorized } from '../../bot/errors.ts'
import type { SignedQuery } from './verify.ts'

export function checkFresh(q: SignedQuery, now: Date, windowSec: number): void {
  const ts = Number(q.timestamp)
  if (!/^\d{1,12}$/.test(q.timestamp ?? '') || Math.abs(now.getTime() / 1000 - ts) > windowSec) {
    throw new Unauthorized(
      `WeChat signature timestamp is more than ${windowSec} s from this server's clock: a replayed request, or a clock to set right (WECHAT_SIGNATURE_WINDOW_SEC).`,
    )
  }
}

/** Record this call's timestamp + nonce; refuse one already used with another body. */
export async function claimNonce(db: Db, q: SignedQuery, body: string, now: Date, windowSec: number): Promise<void> {
  const key = `${q.timestamp}:${q.nonce}`
  const digest = sha256(body)
  // A timestamp is accepted up to windowSec either side of the clock, so a nonce must be
  // remembered for twice that after it was first seen; anything older can go.
  await db.query('delete from wechat_nonces where seen_at < $1', [new Date(now.getTime() - 2 * windowSec * 1000)])
  const fresh = await db.query('insert into wechat_nonces (key, body_sha256, seen_at) values ($1, $2, $3) on conflict (key) do nothing returning key', [
    key,
    digest,
    now,
  ])
  if (fresh.rowCount) return
  const seen = await db.query<{ body_sha256: string }>('select body_sha256 from wechat_nonces where key = $1', [key])
  if (seen.rows[0]?.body_sha256 !== digest) throw new Unauthorized('WeChat nonce already used with another message: a replayed request.')
}
