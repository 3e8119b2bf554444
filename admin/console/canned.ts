/**
 * Canned responses: a supervisor writes the answer once, agents send it by typing
 * `/shortcut` (expanded by sendAgentMessage). Changes are recorded in the audit trail.
 */
import { z } from 'zod'
import { recordEvent } from '../../bot/audit.ts'
import type { Ctx } from '../../bot/context.ts'
import type { Db } from '../../bot/db/client.ts'
import { Conflict, NotFound } from '../../bot/errors.ts'
import { SHORTCUT } from '../../bot/handoff/cannedShortcut.ts'

export interface Canned {
  id: number
  shortcut: string
  text: string
  createdAt: Date
}

/** The same pattern expandCanned recognises after the slash. */
export const cannedInput = z.object({
  shortcut: z.string().trim().regex(SHORTCUT, 'letters (any language), digits, - or _ (at most 40)'),
  text: z.string().trim().min(1).max(4000),
})

const toCanned = (r: any): Canned => ({ id: r.id, shortcut: r.shortcut, text: r.text, createdAt: new Date(r.created_at) })

export async function listCanned(db: Db): Promise<Canned[]> {
  return (await db.query('select * from canned_responses order by shortcut')).rows.map(toCanned)
}

export async function saveCanned({ ctx, id, input }: { ctx: Ctx; id?: number; input: z.infer<typeof cannedInput> }): Promise<Canned> {
  return ctx.db.transaction(async (tx) => {
    const taken = await tx.query('select id from canned_responses where shortcut = $1 and id <> $2', [input.shortcut, id ?? 0])
    if (taken.rows[0]) throw new Conflict(`The shortcut /${input.shortcut} is already used.`, { shortcut: input.shortcut })
    const by = ctx.actor.type === 'user' ? ctx.actor.id : null
    const r = id
      ? await tx.query('update canned_responses set shortcut = $2, text = $3 where id = $1 returning *', [id, input.shortcut, input.text])
      : await tx.query('insert into canned_responses (shortcut, text, created_by) values ($1, $2, $3) returning *', [input.shortcut, input.text, by])
    if (!r.rows[0]) throw new NotFound(`No canned response ${id}.`)
    const saved = toCanned(r.rows[0])
    await recordEvent(tx, ctx.actor, id ? 'canned.updated' : 'canned.created', { type: 'canned_response', id: saved.id }, { shortcut: saved.shortcut })
    return saved
  })
}

export async function deleteCanned({ ctx, id }: { ctx: Ctx; id: number }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const r = await tx.query<{ shortcut: string }>('delete from canned_responses where id = $1 returning shortcut', [id])
    if (!r.rows[0]) throw new NotFound(`No canned response ${id}.`)
    await recordEvent(tx, ctx.actor, 'canned.deleted', { type: 'canned_response', id }, { shortcut: r.rows[0].shortcut })
  })
}
