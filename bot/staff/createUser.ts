/** Create a staff account (admin, supervisor or agent) with an argon2 password hash. */
import { z } from 'zod'
import { recordEvent } from '../audit.ts'
import { hashPassword } from '../auth/secrets.ts'
import type { Ctx } from '../context.ts'
import { Conflict } from '../errors.ts'
import { parseInput } from '../http/json.ts'
import { STAFF_LIMITS as MAX, USERNAME_PATTERN } from './limits.ts'
import { roleSchema } from './rows.ts'

export const createUserInput = z.object({
  username: z.string().trim().min(MAX.usernameMin).max(MAX.usernameMax).regex(USERNAME_PATTERN, 'letters, digits, . @ - _'),
  displayName: z.string().trim().min(1).max(MAX.displayName).optional(),
  role: roleSchema,
  password: z.string().min(MAX.passwordMin, `at least ${MAX.passwordMin} characters`).max(200),
  locale: z.enum(['zh', 'en']).optional(),
})

export interface StaffUser {
  id: number
  username: string
  displayName: string
  role: 'admin' | 'supervisor' | 'agent'
  locale: 'zh' | 'en'
}

export async function createUser({ ctx, input }: { ctx: Ctx; input: z.input<typeof createUserInput> }): Promise<StaffUser> {
  const data = parseInput(createUserInput, input)
  const passwordHash = await hashPassword(data.password)
  return ctx.db.transaction(async (tx) => {
    const r = await tx.query<{ id: number }>(
      `insert into staff_users (username, display_name, role, password_hash, locale)
       values ($1, $2, $3, $4, $5) on conflict (username) do nothing returning id`,
      [data.username, data.displayName ?? data.username, data.role, passwordHash, data.locale ?? ctx.config.DEFAULT_LOCALE],
    )
    if (!r.rows[0]) throw new Conflict(`A user named "${data.username}" already exists.`)
    const user: StaffUser = {
      id: r.rows[0].id,
      username: data.username,
      displayName: data.displayName ?? data.username,
      role: data.role,
      locale: data.locale ?? ctx.config.DEFAULT_LOCALE,
    }
    await recordEvent(tx, ctx.actor, 'staff.created', { type: 'staff_user', id: user.id }, { username: user.username, role: user.role })
    return user
  })
}
