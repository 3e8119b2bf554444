/** Version history of an entry, and restoring an old version (as a new version on top). */
import { z } from 'zod'
import type { Ctx } from '../../bot/context.ts'
import { at, int } from '../../bot/db/columns.ts'
import { parseInput } from '../../bot/http/json.ts'
import { NotFound } from '../../bot/errors.ts'
import { updateEntry } from './updateEntry.ts'
import { updateEntryInput, type Entry } from './schema.ts'

export interface EntryVersion {
  version: number
  changedBy: string | null
  changedAt: Date
  snapshot: Record<string, unknown>
}

const snapshot = z.record(z.string(), z.unknown())
const versionRow = z.object({ version: int, changed_by: z.string().nullable(), changed_at: at, snapshot })

export async function listVersions(ctx: Pick<Ctx, 'db'>, id: string): Promise<EntryVersion[]> {
  const r = await ctx.db.query('select version, changed_by, changed_at, snapshot from kb_entry_versions where entry_id = $1 order by version desc', [id])
  if (r.rows.length === 0) throw new NotFound(`No knowledge entry "${id}".`)
  return r.rows.map((row) => {
    const x = versionRow.parse(row)
    return { version: x.version, changedBy: x.changed_by, changedAt: x.changed_at, snapshot: x.snapshot }
  })
}

export async function restoreVersion({ ctx, id, version, currentVersion }: { ctx: Ctx; id: string; version: number; currentVersion: number }): Promise<Entry> {
  const r = await ctx.db.query('select snapshot from kb_entry_versions where entry_id = $1 and version = $2', [id, version])
  if (!r.rows[0]) throw new NotFound(`Entry "${id}" has no version ${version}.`)
  // A snapshot is the fields as they were saved; checked as an edit is (400 when it no longer passes), then applied as one.
  const fields = parseInput(updateEntryInput.omit({ version: true }), snapshot.parse(r.rows[0].snapshot))
  return updateEntry({ ctx, id, input: { ...fields, version: currentVersion }, action: 'kb.entry.restored' })
}
