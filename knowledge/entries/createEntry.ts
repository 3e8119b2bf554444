/** Create a knowledge entry (version 1) with its questions; searchable at once when published. */
import { createHash } from 'node:crypto'
import type { z } from 'zod'
import { actorLabel, type Ctx } from '../../bot/context.ts'
import { recordEvent } from '../../bot/audit.ts'
import { Conflict } from '../../bot/errors.ts'
import { parseInput } from '../../bot/http/json.ts'
import { knowledgeChanged } from './changed.ts'
import { cleanSimilar, createEntryInput, type Entry } from './schema.ts'
import { readEntry, writeEntry } from './store.ts'

/** A stable id from the question, so importing the same file twice never duplicates. */
export function idFromQuestion(question: string): string {
  return `kb-${createHash('sha1').update(question.trim()).digest('hex').slice(0, 12)}`
}

export async function createEntry({ ctx, input }: { ctx: Ctx; input: z.input<typeof createEntryInput> }): Promise<Entry> {
  const data = parseInput(createEntryInput, input)
  const id = data.id ?? idFromQuestion(data.question)
  const fields = { ...data, similarQuestions: cleanSimilar(data.question, data.similarQuestions) }
  const by = actorLabel(ctx.actor)
  const entry = await ctx.db.transaction(async (tx) => {
    if (await readEntry(tx, id)) throw new Conflict(`An entry with id "${id}" already exists.`, { id })
    await writeEntry(tx, id, fields, 1, by, ctx.clock.now())
    await recordEvent(tx, ctx.actor, 'kb.entry.created', { type: 'kb_entry', id }, { status: fields.status })
    return (await readEntry(tx, id))!
  })
  await knowledgeChanged(ctx, [id])
  return entry
}
