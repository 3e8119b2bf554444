/** API tokens for integrations: shown once at creation, stored only as a hash. */
import { z } from 'zod'
import { recordEvent } from '../audit.ts'
import type { Ctx } from '../context.ts'
import { NotFound } from '../errors.ts'
import { parseInput } from '../http/json.ts'
import { roleSchema } from '../staff/rows.ts'
import { newToken, sha256 } from './secrets.ts'

export const createApiTokenInput = z.object({
  name: z.string().trim().min(1).max(100),
  role: roleSchema,
})

export async function createApiToken({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const data = parseInput(createApiTokenInput, input)
  const token = `kefu_${newToken()}`
  const createdBy = ctx.actor.type === 'user' ? ctx.actor.id : null
  return ctx.db.transaction(async (tx) => {
    const r = await tx.query<{ id: number }>('insert into api_tokens (name, token_hash, role, created_by) values ($1, $2, $3, $4) returning id', [
      data.name,
      sha256(token),
      data.role,
      createdBy,
    ])
    const id = r.rows[0]!.id
    await recordEvent(tx, ctx.actor, 'api_token.created', { type: 'api_token', id }, { name: data.name, role: data.role })
    return { id, name: data.name, role: data.role, token }
  })
}

export async function revokeApiToken({ ctx, input }: { ctx: Ctx; input: { id: number } }) {
  await ctx.db.transaction(async (tx) => {
    const r = await tx.query('update api_tokens set revoked_at = $2 where id = $1 and revoked_at is null', [input.id, ctx.clock.now()])
    if (r.rowCount === 0) throw new NotFound('No such active API token.')
    await recordEvent(tx, ctx.actor, 'api_token.revoked', { type: 'api_token', id: input.id })
  })
}
