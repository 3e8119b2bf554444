/**
 * The knowledge index's change counter (kb_index_state.version). Everything that changes
 * what a search or an answer returns — re-indexing, switching embedder, new thresholds, any
 * write to kb_entries (a trigger, migration 0200) — bumps it, and every process compares it
 * before trusting its cached state. The number itself is held in memory: a trigger NOTIFYs
 * `kefu_kb` when it moves, so a process re-reads only after a change (or when it is not
 * listening, or after TRUST_MS), not once per search.
 */
import type { Db, Listening } from '../../bot/db/client.ts'

const CHANNEL = 'kefu_kb'
/** Longest the number is trusted without a read, listening or not: a listening connection that died without an error yet cannot keep a process stale for longer. */
const TRUST_MS = 5000

interface Watch {
  listening: Listening
  version: number | null
  readAt: number
  /** Moves on every signal: a read that was under way when one came must not be kept. */
  signals: number
  /** This process bumped the number in a transaction not known to have committed yet. */
  held: boolean
}
const watches = new WeakMap<object, Watch>()

function watchOf(db: Db): Watch {
  const known = watches.get(db.key)
  if (known) return known
  const w: Watch = { listening: { live: false }, version: null, readAt: 0, signals: 0, held: false }
  watches.set(db.key, w)
  w.listening = db.listen(CHANNEL, () => {
    w.signals++
    w.version = null
    w.held = false
  })
  return w
}

export async function bumpKbVersion(db: Db): Promise<void> {
  // Until its commit is signalled the new number is this transaction's alone (and may be
  // rolled back): read it from the database meanwhile, and remember nothing.
  watchOf(db).held = true
  await db.query('select kb_bump_version()')
}

export async function readKbVersion(db: Db): Promise<number> {
  const w = watchOf(db)
  const now = performance.now()
  if (w.version !== null && w.listening.live && !w.held && now - w.readAt < TRUST_MS) return w.version
  const signals = w.signals
  const r = await db.query<{ version: number }>('select version from kb_index_state where id = 1')
  const version = Number(r.rows[0]?.version ?? 0)
  if (signals === w.signals && !w.held) {
    w.version = version
    w.readAt = now
  }
  return version
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
