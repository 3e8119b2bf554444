/**
 * Change an entry. The caller names the version it edited: if someone saved in between,
 * the second save is refused with a conflict (409) instead of silently losing the first.
 */
import type { z } from 'zod'
import { actorLabel, type Ctx } from '../../bot/context.ts'
import { recordEvent, type AuditAction } from '../../bot/audit.ts'
import { Conflict, NotFound } from '../../bot/errors.ts'
import { parseInput } from '../../bot/http/json.ts'
import { knowledgeChanged } from './changed.ts'
import { cleanSimilar, updateEntryInput, type Entry, type EntryFields } from './schema.ts'
import { readEntry, writeEntry } from './store.ts'

const FIELDS: (keyof EntryFields)[] = [
  'question',
  'similarQuestions',
  'answer',
  'answerExtras',
  'channelAnswers',
  'categoryPath',
  'tags',
  'status',
  'validFrom',
  'validTo',
  'ownerId',
]

/** A field the update names replaces the current one; one it leaves out stays. */
function setField<K extends keyof EntryFields>(fields: EntryFields, k: K, value: EntryFields[K] | undefined): void {
  if (value !== undefined) fields[k] = value
}

export async function updateEntry({
  ctx,
  id,
  input,
  action = 'kb.entry.updated',
}: {
  ctx: Ctx
  id: string
  input: z.input<typeof updateEntryInput>
  action?: AuditAction
}): Promise<Entry> {
  const data = parseInput(updateEntryInput, input)
  const entry = await ctx.db.transaction(async (tx) => {
    const current = await readEntry(tx, id, true)
    if (!current) throw new NotFound(`No knowledge entry "${id}".`)
    if (current.version !== data.version) {
      throw new Conflict(
        `This entry was changed by ${current.updatedBy ?? 'someone else'} (now version ${current.version}); reload it and apply your edit again.`,
        {
          currentVersion: current.version,
          yourVersion: data.version,
        },
      )
    }
    const next: EntryFields = { ...current }
    for (const k of FIELDS) setField(next, k, data[k])
    next.similarQuestions = cleanSimilar(next.question, next.similarQuestions)
    if (next.validFrom && next.validTo && next.validFrom >= next.validTo) throw new Conflict('validFrom must be before validTo.')
    const changed = FIELDS.filter((k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]))
    if (changed.length === 0) return current
    await writeEntry(tx, id, next, current.version + 1, actorLabel(ctx.actor), ctx.clock.now())
    await recordEvent(tx, ctx.actor, action, { type: 'kb_entry', id }, { version: current.version + 1, changed })
    return (await readEntry(tx, id))!
  })
  await knowledgeChanged(ctx, [id])
  return entry
}
