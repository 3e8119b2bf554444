/**
 * Rows of `kb_entries`, parsed with zod where they are read. Reads are lenient where input
 * is strict (no length limits, no URL check): a limit tightened later must not make stored
 * entries unreadable, only new edits conform.
 */
import { z } from 'zod'
import { at, int, maybeAt, texts } from '../../bot/db/columns.ts'
import { entryFields, type Entry } from './schema.ts'

/** answer_extras as stored: links, images and quick-reply buttons beside the text. */
const storedExtras = z.object({
  links: z.array(z.object({ title: z.string(), url: z.string() })).optional(),
  images: z.array(z.string()).optional(),
  buttons: z.array(z.object({ label: z.string(), reply: z.string().optional() })).optional(),
})

/** channel_answers as stored: a channel's own wording of the answer. */
const storedChannelAnswers = z.record(z.string(), z.string())

export const entryRow = z.object({
  id: z.string(),
  question: z.string(),
  /** The similar questions, aggregated from kb_questions by the read. */
  similar: texts,
  answer: z.string(),
  answer_extras: storedExtras.nullable(),
  channel_answers: storedChannelAnswers.nullable(),
  category_path: texts,
  tags: texts,
  status: entryFields.shape.status.unwrap(),
  valid_from: maybeAt,
  valid_to: maybeAt,
  owner_id: int.nullable(),
  version: int,
  created_at: at,
  updated_at: at,
  updated_by: z.string().nullable(),
})

export function toEntry(row: unknown): Entry {
  const r = entryRow.parse(row)
  return {
    id: r.id,
    question: r.question,
    similarQuestions: r.similar,
    answer: r.answer,
    answerExtras: r.answer_extras ?? {},
    channelAnswers: r.channel_answers ?? {},
    categoryPath: r.category_path,
    tags: r.tags,
    status: r.status,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    ownerId: r.owner_id,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  }
}
