/** Reads what the index is built from: questions, and the admin's dictionary words. */
import type { Db } from '../../bot/db/client.ts'
import { normalise } from '../text/normalise.ts'
import { words } from '../text/segment.ts'
import type { QuestionRow } from './write-keyword.ts'

export async function loadQuestions(db: Db, entryIds?: string[]): Promise<QuestionRow[]> {
  const r = await db.query<{ id: number; entry_id: string; text: string }>(
    entryIds
      ? 'select id, entry_id, text from kb_questions where entry_id = any($1) order by id'
      : 'select id, entry_id, text from kb_questions order by entry_id, id',
    entryIds ? [entryIds] : [],
  )
  return r.rows.map((q) => ({ id: Number(q.id), entryId: q.entry_id, text: q.text }))
}

/** Synonym groups, tags and category names: words the segmenter must keep whole. */
export async function loadDictionary(db: Db): Promise<{ terms: string[]; groups: string[][] }> {
  const syn = await db.query<{ terms: string[] }>('select terms from kb_synonyms')
  const meta = await db.query<{ t: string }>(`select distinct t from kb_entries, unnest(tags || category_path) t where status = 'published'`)
  const groups = syn.rows.map((r) => r.terms.map((t) => normalise(t)).filter(Boolean))
  return { terms: [...groups.flat(), ...meta.rows.map((r) => normalise(r.t))], groups }
}

/** Admin synonym groups as "related words" of strength 1: each term stands for the others. */
export function synonymRelations(groups: string[][]): Record<string, [string, number][]> {
  const out: Record<string, [string, number][]> = {}
  for (const g of groups) {
    const ws = g.map((t) => words(t).join(''))
    for (const a of ws) for (const b of ws) if (a !== b) (out[a] ??= []).push([b, 1])
  }
  return out
}
