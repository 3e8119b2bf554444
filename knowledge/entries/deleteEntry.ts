/** Delete an entry (its questions and index rows go with it); the audit trail keeps the last snapshot. */
import type { Ctx } from '../../bot/context.ts'
import { recordEvent } from '../../bot/audit.ts'
import { Conflict, NotFound } from '../../bot/errors.ts'
import { removeKeyword } from '../search/write-keyword.ts'
import { knowledgeChanged } from './changed.ts'
import { readEntry } from './store.ts'

export async function deleteEntry({ ctx, id, version }: { ctx: Ctx; id: string; version: number }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const current = await readEntry(tx, id, true)
    if (!current) throw new NotFound(`No knowledge entry "${id}".`)
    if (current.version !== version)
      throw new Conflict(`This entry changed (now version ${current.version}); reload before deleting.`, { currentVersion: current.version })
    await removeKeyword(tx, [id]) // before the cascade, so term statistics stay right
    await tx.query('delete from kb_entries where id = $1', [id])
    await recordEvent(tx, ctx.actor, 'kb.entry.deleted', { type: 'kb_entry', id }, { snapshot: current })
  })
  await knowledgeChanged(ctx, [id])
}
