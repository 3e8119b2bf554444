/** Version history of an entry, and restoring an old version (as a new version on top). */
import type { Ctx } from '../../bot/context.ts'
import { NotFound } from '../../bot/errors.ts'
import { updateEntry } from './updateEntry.ts'
import type { Entry } from './schema.ts'

export interface EntryVersion {
  version: number
  changedBy: string | null
  changedAt: Date
  snapshot: Record<string, unknown>
}

export async function listVersions(ctx: Pick<Ctx, 'db'>, id: string): Promise<EntryVersion[]> {
  const r = await ctx.db.query<any>(
    'select version, changed_by, changed_at, snapshot from kb_entry_versions where entry_id = $1 order by version desc',
    [id],
  )
  if (r.rows.length === 0) throw new NotFound(`No knowledge entry "${id}".`)
  return r.rows.map((x) => ({ version: x.version, changedBy: x.changed_by, changedAt: new Date(x.changed_at), snapshot: x.snapshot }))
}

export async function restoreVersion({ ctx, id, version, currentVersion }: { ctx: Ctx; id: string; version: number; currentVersion: number }): Promise<Entry> {
  const r = await ctx.db.query<{ snapshot: any }>('select snapshot from kb_entry_versions where entry_id = $1 and version = $2', [id, version])
  const snap = r.rows[0]?.snapshot
  if (!snap) throw new NotFound(`Entry "${id}" has no version ${version}.`)
  return updateEntry({ ctx, id, input: { ...snap, version: currentVersion }, action: 'kb.entry.restored' })
}
