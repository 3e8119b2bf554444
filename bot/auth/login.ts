/**
 * Log a staff member in: throttled per (username, address) across replicas via the
 * database (loginThrottle.ts), argon2-verified, and answered with a new session token and CSRF token.
 */
import { z } from 'zod'
import { recordEvent } from '../audit.ts'
import type { Services } from '../context.ts'
import { Unauthorized } from '../errors.ts'
import { staffUserRow } from '../staff/rows.ts'
import { reserveAttempt, settleSuccess } from './loginThrottle.ts'
import { newToken, sha256, verifyPassword } from './secrets.ts'

const loginRow = staffUserRow.extend({ password_hash: z.string() })

export interface LoginResult {
  token: string
  csrfToken: string
  expiresAt: Date
  user: { id: number; username: string; displayName: string; role: string; locale: 'zh' | 'en' }
}

export async function login(services: Services, input: { username: string; password: string; address: string }): Promise<LoginResult> {
  const { db, config, clock } = services
  const now = clock.now()
  const key = `${input.username.toLowerCase()}|${input.address}`
  // Counted as a failure before the hash; a right password settles it below.
  await reserveAttempt(db, config, key, now)
  const found = await db.query(
    'select id, username, display_name, role, locale, password_hash from staff_users where lower(username) = lower($1) and not disabled',
    [input.username],
  )
  const row = found.rows[0] ? loginRow.parse(found.rows[0]) : null
  // Verify even for unknown users would cost the same; a constant message hides which part was wrong.
  if (!row || !(await verifyPassword(row.password_hash, input.password))) {
    throw new Unauthorized('Wrong username or password.')
  }
  const token = newToken()
  const csrfToken = newToken(24)
  const expiresAt = new Date(now.getTime() + config.SESSION_TTL_HOURS * 3600_000)
  await db.transaction(async (tx) => {
    await settleSuccess(tx, key)
    await tx.query('delete from staff_sessions where expires_at < $1', [now])
    await tx.query('insert into staff_sessions (token_hash, user_id, csrf_token, expires_at) values ($1, $2, $3, $4)', [
      sha256(token),
      row.id,
      csrfToken,
      expiresAt,
    ])
    await recordEvent(
      tx,
      { type: 'user', id: row.id, username: row.username, role: row.role },
      'staff.login',
      { type: 'staff_user', id: row.id },
      { address: input.address },
    )
  })
  return {
    token,
    csrfToken,
    expiresAt,
    user: { id: row.id, username: row.username, displayName: row.display_name, role: row.role, locale: row.locale },
  }
}

export async function logout(services: Services, token: string): Promise<void> {
  await services.db.query('delete from staff_sessions where token_hash = $1', [sha256(token)])
}
