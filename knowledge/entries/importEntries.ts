/**
 * Import parsed rows: idempotent on the entry id (a missing id is derived from the
 * question), all-or-nothing in one transaction, with a dry run that reports what would
 * be new, changed, unchanged or rejected — line by line — before anything is written.
 */
import { actorLabel, type Ctx } from '../../bot/context.ts'
import { recordEvent } from '../../bot/audit.ts'
import type { ImportRow, RejectedRow } from '../import/types.ts'
import { idFromQuestion } from './createEntry.ts'
import { cleanSimilar, entryFields, entryId, type EntryFields } from './schema.ts'
import { readEntries, writeEntry } from './store.ts'
import { knowledgeChanged } from './changed.ts'

export interface ImportReport {
  dryRun: boolean
  applied: boolean
  new: { line: number; id: string }[]
  changed: { line: number; id: string; fields: string[] }[]
  unchanged: { line: number; id: string }[]
  rejected: RejectedRow[]
}

const COMPARED: (keyof EntryFields)[] = ['question', 'similarQuestions', 'answer', 'categoryPath', 'tags', 'status']

function toFields(row: ImportRow, defaultStatus: 'draft' | 'published'): EntryFields {
  return entryFields.parse({
    question: row.question,
    similarQuestions: cleanSimilar(row.question, row.similarQuestions),
    answer: row.answer,
    categoryPath: row.categoryPath,
    tags: row.tags,
    status: row.status ?? defaultStatus,
  })
}

export async function importEntries({
  ctx,
  rows,
  rejected = [],
  dryRun,
  defaultStatus = 'published',
  onProgress,
}: {
  ctx: Ctx
  rows: ImportRow[]
  rejected?: RejectedRow[]
  dryRun: boolean
  defaultStatus?: 'draft' | 'published'
  onProgress?: (done: number, total: number) => void
}): Promise<ImportReport> {
  const report: ImportReport = { dryRun, applied: false, new: [], changed: [], unchanged: [], rejected: [...rejected] }
  const planned: { id: string; fields: EntryFields; version: number }[] = []
  const seen = new Map<string, number>()
  const ids = rows.map((r) => r.id ?? idFromQuestion(r.question))
  const existing = new Map((await readEntries(ctx.db, ids)).map((e) => [e.id, e]))
  for (const [i, row] of rows.entries()) {
    const id = ids[i]!
    const idCheck = entryId.safeParse(id)
    const fields = idCheck.success ? entryFields.safeParse(toFields(row, defaultStatus)) : null
    if (!idCheck.success) {
      report.rejected.push({ line: row.line, reason: `invalid id "${id}": ${idCheck.error.issues[0]?.message}` })
      continue
    }
    if (!fields?.success) {
      report.rejected.push({ line: row.line, reason: fields!.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ') })
      continue
    }
    if (seen.has(id)) {
      report.rejected.push({ line: row.line, reason: `duplicate id ${id} (first seen on line ${seen.get(id)})` })
      continue
    }
    seen.set(id, row.line)
    const before = existing.get(id)
    if (!before) {
      report.new.push({ line: row.line, id })
      planned.push({ id, fields: fields.data, version: 1 })
      continue
    }
    const diff = COMPARED.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(fields.data[k]))
    if (diff.length === 0) {
      report.unchanged.push({ line: row.line, id })
      continue
    }
    report.changed.push({ line: row.line, id, fields: diff })
    planned.push({ id, fields: { ...before, ...pick(fields.data, COMPARED) }, version: before.version + 1 })
  }
  report.rejected.sort((a, b) => a.line - b.line)
  // Nothing is half-imported: one rejected line stops the whole import.
  if (dryRun || report.rejected.length > 0 || planned.length === 0) return report
  const by = actorLabel(ctx.actor)
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now()
    for (const [i, p] of planned.entries()) {
      await writeEntry(tx, p.id, p.fields, p.version, by, now)
      onProgress?.(i + 1, planned.length)
    }
    await recordEvent(tx, ctx.actor, 'kb.imported', { type: 'kb', id: null }, { new: report.new.length, changed: report.changed.length })
  })
  report.applied = true
  await knowledgeChanged(
    ctx,
    planned.map((p) => p.id),
  )
  return report
}

function pick<T extends object>(o: T, keys: (keyof T)[]): Partial<T> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Partial<T>
}
