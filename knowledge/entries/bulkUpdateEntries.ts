/**
 * One action on many entries at once (the list page's checkboxes): publish, unpublish,
 * move to a category, add or remove a tag, delete. All or nothing, in one transaction:
 * an unknown id (404) or an entry changed since the admin saw it (409, when versions are
 * sent) stops the whole action before anything is written. Each changed entry gets its
 * own version row and audit event, as a single edit would; the index is told once.
 */
import { z } from 'zod'
import { actorLabel, type Ctx } from '../../bot/context.ts'
import { recordEvent } from '../../bot/audit.ts'
import { Conflict, NotFound } from '../../bot/errors.ts'
import { parseInput } from '../../bot/http/json.ts'
import { removeKeyword } from '../search/write-keyword.ts'
import { knowledgeChanged } from './changed.ts'
import { entryFields, entryId, type Entry, type EntryFields } from './schema.ts'
import { readEntries, writeEntry } from './store.ts'

/** A page of the list is 50; a larger selection is a job for import. */
export const BULK_MAX = 200

const tag = entryFields.shape.tags.unwrap().element

export const bulkInput = z
  .object({
    ids: z.array(entryId).min(1).max(BULK_MAX),
    /** The versions the admin saw (id → version); a newer one is a conflict, not an overwrite. */
    versions: z.record(z.string(), z.number().int().positive()).optional(),
  })
  .and(
    z.discriminatedUnion('action', [
      z.object({ action: z.literal('publish') }),
      z.object({ action: z.literal('unpublish') }),
      z.object({ action: z.literal('move'), categoryPath: entryFields.shape.categoryPath.unwrap() }),
      z.object({ action: z.literal('addTag'), tag }),
      z.object({ action: z.literal('removeTag'), tag }),
      z.object({ action: z.literal('delete') }),
    ]),
  )
export type BulkInput = z.input<typeof bulkInput>
type Bulk = z.infer<typeof bulkInput>

export interface BulkResult {
  action: Bulk['action']
  /** Entries that changed, with their new version (deleted entries have none). */
  changed: { id: string; version: number | null }[]
  /** Entries already in the asked-for state (no new version). */
  unchanged: string[]
}

/** The entry's fields after the action (unchanged fields stay as they were). */
function apply(b: Bulk, e: EntryFields): EntryFields {
  switch (b.action) {
    case 'publish':
      return { ...e, status: 'published' }
    case 'unpublish':
      return { ...e, status: 'draft' }
    case 'move':
      return { ...e, categoryPath: b.categoryPath }
    case 'addTag':
      return { ...e, tags: e.tags.includes(b.tag) ? e.tags : [...e.tags, b.tag] }
    case 'removeTag':
      return { ...e, tags: e.tags.filter((t) => t !== b.tag) }
    case 'delete':
      return e
  }
}

const FIELD: Record<Exclude<Bulk['action'], 'delete'>, keyof EntryFields> = {
  publish: 'status',
  unpublish: 'status',
  move: 'categoryPath',
  addTag: 'tags',
  removeTag: 'tags',
}

function checkAll(b: Bulk, ids: string[], found: Entry[]): void {
  const byId = new Map(found.map((e) => [e.id, e]))
  const unknown = ids.filter((id) => !byId.has(id))
  if (unknown.length) throw new NotFound(`No knowledge entry ${unknown.map((x) => `"${x}"`).join(', ')}; nothing was changed.`, { unknown })
  const stale = Object.entries(b.versions ?? {}).filter(([id, v]) => byId.has(id) && byId.get(id)!.version !== v)
  if (stale.length) {
    throw new Conflict(`${stale.length} of the entries changed since you loaded the list; reload it and try again. Nothing was changed.`, {
      changedSince: stale.map(([id]) => ({ id, currentVersion: byId.get(id)!.version })),
    })
  }
}

export async function bulkUpdateEntries({ ctx, input }: { ctx: Ctx; input: BulkInput }): Promise<BulkResult> {
  const b = parseInput(bulkInput, input)
  const ids = [...new Set(b.ids)]
  const result: BulkResult = { action: b.action, changed: [], unchanged: [] }
  await ctx.db.transaction(async (tx) => {
    const locked = await readEntries(tx, ids, true) // locked in id order, so two bulk actions never deadlock
    checkAll(b, ids, locked)
    const found = ids.map((id) => locked.find((e) => e.id === id)!) // answered in the order asked
    const by = actorLabel(ctx.actor)
    const now = ctx.clock.now()
    if (b.action === 'delete') {
      await removeKeyword(tx, ids) // before the cascade, so term statistics stay right
      await tx.query('delete from kb_entries where id = any($1)', [ids])
      for (const e of found) await recordEvent(tx, ctx.actor, 'kb.entry.deleted', { type: 'kb_entry', id: e.id }, { snapshot: e, bulk: true })
      result.changed = found.map((e) => ({ id: e.id, version: null }))
    } else {
      const field = FIELD[b.action]
      for (const e of found) {
        const next = apply(b, e)
        if (JSON.stringify(next[field]) === JSON.stringify(e[field])) {
          result.unchanged.push(e.id)
          continue
        }
        await writeEntry(tx, e.id, next, e.version + 1, by, now)
        await recordEvent(tx, ctx.actor, 'kb.entry.updated', { type: 'kb_entry', id: e.id }, { version: e.version + 1, changed: [field], bulk: b.action })
        result.changed.push({ id: e.id, version: e.version + 1 })
      }
    }
    // One line for the whole action too, so the audit log shows it as the admin did it.
    await recordEvent(
      tx,
      ctx.actor,
      'kb.entries.bulk',
      { type: 'kb_entry', id: null },
      {
        action: b.action,
        ...(b.action === 'move' ? { categoryPath: b.categoryPath } : b.action === 'addTag' || b.action === 'removeTag' ? { tag: b.tag } : {}),
        changed: result.changed.map((c) => c.id),
        unchanged: result.unchanged,
      },
    )
  })
  if (result.changed.length)
    await knowledgeChanged(
      ctx,
      result.changed.map((c) => c.id),
    )
  return result
}
