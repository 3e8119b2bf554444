/**
 * The labelled examples a threshold what-if is judged on: the ones calibration itself
 * used (kb_calibration.examples: held-out similar questions and held-out entries, scored
 * through the serving path), so a proposed threshold is judged on the evidence the
 * calibrated one was. Before any calibration has stored them, the similar questions are
 * run through the live search instead, as 试一试 would (optimistic; the page says so),
 * and cached until the KB version moves.
 */
import type { Db } from '../../../bot/db/client.ts'
import type { Example } from '../../../knowledge/decide/examples.ts'
import { readKbVersion } from '../../../knowledge/search/kb-version.ts'
import { LIVE } from '../../../knowledge/search/search-sql.ts'
import { rank } from '../../../knowledge/search/search.ts'

export interface ExampleSet {
  source: 'calibration' | 'search'
  examples: Example[]
}

const cache = new WeakMap<Db, { version: number; set: ExampleSet }>()

const isExample = (e: any): e is Example => Array.isArray(e?.scores) && typeof e?.goldRank === 'number'

export async function whatIfExamples(db: Db): Promise<ExampleSet> {
  const r = await db.query<{ examples: unknown }>('select examples from kb_calibration where id = 1')
  const stored = r.rows[0]?.examples
  if (Array.isArray(stored) && stored.length > 0 && stored.every(isExample)) return { source: 'calibration', examples: stored }
  const version = await readKbVersion(db)
  const hit = cache.get(db)
  if (hit && hit.version === version) return hit.set
  const set: ExampleSet = { source: 'search', examples: await searched(db) }
  cache.set(db, { version, set })
  return set
}

/** Each similar question is in the index itself, so these shares are optimistic (the page says so). */
async function searched(db: Db, max = 300): Promise<Example[]> {
  const r = await db.query<{ entry_id: string; text: string }>(
    `select q.entry_id, q.text from kb_questions q join kb_entries e on e.id = q.entry_id
      where not q.is_primary and ${LIVE} order by md5(q.text) limit ${max}`,
  )
  const out: Example[] = []
  for (const q of r.rows) {
    const ranked = (await rank(db, q.text)).slice(0, 5)
    out.push({ scores: ranked.map((c) => c.score), goldRank: ranked.findIndex((c) => c.entryId === q.entry_id), negative: false })
  }
  return out
}
