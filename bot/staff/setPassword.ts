/**
 * Give a staff account a new password (`kefu user set-password`): the way back in when the
 * password printed at the first start is lost. Every session of that account ends, so whoever
 * had the old password is logged out; the change is in the audit trail.
 */
import { z } from 'zod'
import { recordEvent } from '../audit.ts'
import { hashPassword } from '../auth/secrets.ts'
import type { Ctx } from '../context.ts'
import { NotFound } from '../errors.ts'
import { parseInput } from '../http/json.ts'
import { STAFF_LIMITS as MAX } from './limits.ts'

export const setPasswordInput = z.object({
  username: z.string().trim().min(1),
  password: z.string().min(MAX.passwordMin, `at least ${MAX.passwordMin} characters`).max(200),
})

export async function setPassword({ ctx, input }: { ctx: Ctx; input: z.input<typeof setPasswordInput> }): Promise<{ id: number; username: string }> {
  const data = parseInput(setPasswordInput, input)
  const passwordHash = await hashPassword(data.password)
  return ctx.db.transaction(async (tx) => {
    const r = await tx.query<{ id: string }>('update staff_users set password_hash = $2 where username = $1 returning id', [data.username, passwordHash])
    if (!r.rows[0]) throw new NotFound(`No staff account "${data.username}".`)
    const id = Number(r.rows[0].id)
    await tx.query('delete from staff_sessions where user_id = $1', [id])
    await recordEvent(tx, ctx.actor, 'staff.password_reset', { type: 'staff_user', id })
    return { id, username: data.username }
  })
}
