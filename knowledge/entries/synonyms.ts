/**
 * 同义词: admin-defined groups of interchangeable words. They shape segmentation and
 * matching for the whole knowledge base, so a change schedules a full re-index.
 */
import { z } from 'zod'
import type { Ctx } from '../../bot/context.ts'
import { recordEvent } from '../../bot/audit.ts'
import { NotFound } from '../../bot/errors.ts'
import { parseInput } from '../../bot/http/json.ts'
import { scheduleReindex } from './changed.ts'

export const synonymInput = z.object({
  terms: z
    .array(z.string().trim().min(1).max(50))
    .min(2, 'a synonym group needs at least two words')
    .max(50)
    .transform((ts) => [...new Set(ts)]),
})

export interface SynonymGroup {
  id: number
  terms: string[]
}

export async function listSynonyms(ctx: Pick<Ctx, 'db'>): Promise<SynonymGroup[]> {
  const r = await ctx.db.query<{ id: number; terms: string[] }>('select id, terms from kb_synonyms order by id')
  return r.rows
}

export async function saveSynonymGroup({ ctx, id, input }: { ctx: Ctx; id?: number; input: unknown }): Promise<SynonymGroup> {
  const { terms } = parseInput(synonymInput, input)
  const saved = await ctx.db.transaction(async (tx) => {
    const r = id
      ? await tx.query<{ id: number }>('update kb_synonyms set terms = $2 where id = $1 returning id', [id, terms])
      : await tx.query<{ id: number }>('insert into kb_synonyms (terms) values ($1) returning id', [terms])
    if (!r.rows[0]) throw new NotFound('No such synonym group.')
    await recordEvent(tx, ctx.actor, id ? 'kb.synonyms.updated' : 'kb.synonyms.created', { type: 'kb_synonyms', id: r.rows[0].id }, { terms })
    return { id: r.rows[0].id, terms }
  })
  await scheduleReindex(ctx)
  return saved
}

export async function deleteSynonymGroup({ ctx, id }: { ctx: Ctx; id: number }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const r = await tx.query('delete from kb_synonyms where id = $1', [id])
    if (r.rowCount === 0) throw new NotFound('No such synonym group.')
    await recordEvent(tx, ctx.actor, 'kb.synonyms.deleted', { type: 'kb_synonyms', id })
  })
  await scheduleReindex(ctx)
}
