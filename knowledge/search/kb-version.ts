/**
 * The knowledge index's change counter (kb_index_state.version). Everything that changes
 * what a search returns — re-indexing, switching embedder, new thresholds — bumps it,
 * and every process compares it (one tiny read) before trusting its cached state.
 */
import type { Db } from '../../bot/db/client.ts'

export async function bumpKbVersion(db: Db): Promise<void> {
  await db.query('update kb_index_state set version = version + 1, changed_at = now() where id = 1')
}

export async function readKbVersion(db: Db): Promise<number> {
  const r = await db.query<{ version: number }>('select version from kb_index_state where id = 1')
  return Number(r.rows[0]?.version ?? 0)
}

/**
 * Lets the planner see real row counts after bulk writes (HNSW and index plans depend on
 * it), and vacuums the keyword tables so their visibility map lets keyword candidates be
 * read index-only. One statement per call: VACUUM cannot run in a multi-statement batch,
 * so a rebuild must not run inside a transaction (none does).
 */
export async function analyzeIndex(db: Db): Promise<void> {
  for (const t of ['kb_postings', 'kb_entry_terms']) await db.exec(`vacuum (analyze) ${t}`)
  await db.exec(`analyze kb_keyword_docs; analyze kb_terms;
    analyze kb_question_vectors; analyze kb_entry_vectors; analyze kb_questions; analyze kb_entries`)
}
