/**
 * The curated answers that may be shown to a customer now: published and inside their
 * validity window, in the channel's own wording where the entry has one. What search
 * ranks is the index; what may go out is decided here, at the moment it would go out.
 */
import type { Db } from '../../bot/db/client.ts'
import { LIVE } from './search-sql.ts'

export interface ServableAnswer {
  entryId: string
  question: string
  answer: string
}

export async function servableAnswers(db: Db, entryIds: string[], channel?: string): Promise<Map<string, ServableAnswer>> {
  if (entryIds.length === 0) return new Map()
  const r = await db.query<{ id: string; question: string; answer: string; channel_answers: Record<string, string> | null }>(
    `select e.id, e.question, e.answer, e.channel_answers from kb_entries e where e.id = any($1) and ${LIVE}`,
    [entryIds],
  )
  return new Map(r.rows.map((e) => [e.id, { entryId: e.id, question: e.question, answer: (channel && e.channel_answers?.[channel]) || e.answer }]))
}
