/**
 * Log a staff member in: throttled per (username, address) across replicas via the
 * database, argon2-verified, and answered with a new session token and CSRF token.
 */
import { recordEvent } from '../audit.ts'
import type { Services } from '../context.ts'
import { RateLimited, Unauthorized } from '../errors.ts'
import { newToken, sha256, verifyPassword } from './secrets.ts'

export interface LoginResult {
  token: string
  csrfToken: string
  expiresAt: Date
  user: { id: number; username: string; displayName: string; role: string; locale: 'zh' | 'en' }
}

export async function login(
  services: Services,
  input: { username: string; password: string; address: string },
): Promise<LoginResult> {
  const { db, config, clock } = services
  const now = clock.now()
  const key = `${input.username.toLowerCase()}|${input.address}`
  const since = new Date(now.getTime() - config.LOGIN_WINDOW_MINUTES * 60_000)
  const failures = await db.query<{ n: number }>('select count(*)::int as n from login_failures where key = $1 and at > $2', [key, since])
  if (failures.rows[0]!.n >= config.LOGIN_MAX_ATTEMPTS) {
    throw new RateLimited(`Too many failed logins; try again in ${config.LOGIN_WINDOW_MINUTES} minutes.`, {
      limit: 'login',
      retryAfterSeconds: config.LOGIN_WINDOW_MINUTES * 60,
    })
  }
  const found = await db.query<any>(
    'select id, username, display_name, role, locale, password_hash from staff_users where lower(username) = lower($1) and not disabled',
    [input.username],
  )
  const row = found.rows[0]
  // Verify even for unknown users would cost the same; a constant message hides which part was wrong.
  if (!row || !(await verifyPassword(row.password_hash, input.password))) {
    await db.query('insert into login_failures (key, at) values ($1, $2)', [key, now])
    throw new Unauthorized('Wrong username or password.')
  }
  const token = newToken()
  const csrfToken = newToken(24)
  const expiresAt = new Date(now.getTime() + config.SESSION_TTL_HOURS * 3600_000)
  await db.transaction(async (tx) => {
    await tx.query('delete from login_failures where key = $1', [key])
    await tx.query('delete from staff_sessions where expires_at < $1', [now])
    await tx.query('insert into staff_sessions (token_hash, user_id, csrf_token, expires_at) values ($1, $2, $3, $4)', [
      sha256(token),
      row.id,
      csrfToken,
      expiresAt,
    ])
    await recordEvent(tx, { type: 'user', id: row.id, username: row.username, role: row.role }, 'staff.login', { type: 'staff_user', id: row.id }, { address: input.address })
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
