/** Who is calling: a staff session cookie, or an API token in the Authorization header. */
import { z } from 'zod'
import type { Actor, Services } from '../context.ts'
import type { StaffSession } from '../http/types.ts'
import { apiTokenRow, staffUserRow } from '../staff/rows.ts'
import { sha256 } from './secrets.ts'

const sessionRow = staffUserRow.extend({ csrf_token: z.string() })

export async function sessionFromToken(services: Services, token: string): Promise<{ actor: Actor; session: StaffSession } | null> {
  const r = await services.db.query(
    `select u.id, u.username, u.display_name, u.role, u.locale, s.csrf_token
       from staff_sessions s join staff_users u on u.id = s.user_id
      where s.token_hash = $1 and s.expires_at > $2 and not u.disabled`,
    [sha256(token), services.clock.now()],
  )
  if (!r.rows[0]) return null
  const row = sessionRow.parse(r.rows[0])
  return {
    actor: { type: 'user', id: row.id, username: row.username, role: row.role },
    session: { userId: row.id, csrfToken: row.csrf_token, locale: row.locale, displayName: row.display_name },
  }
}

export async function actorFromApiToken(services: Services, token: string): Promise<Actor | null> {
  const r = await services.db.query(`update api_tokens set last_used_at = $2 where token_hash = $1 and revoked_at is null returning id, name, role`, [
    sha256(token),
    services.clock.now(),
  ])
  if (!r.rows[0]) return null
  const row = apiTokenRow.parse(r.rows[0])
  return { type: 'apiToken', id: row.id, name: row.name, role: row.role }
}
