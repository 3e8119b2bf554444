/**
 * search(db, text): the ranked entries for a customer message, each with its score and
 * the reason (which question matched, each component's score), and the decision —
 * answer, clarify or fallback. Bad input of any kind ends in 'fallback', never a throw
 * from here about the text itself.
 */
import type { Db } from '../../bot/db/client.ts'
import { activeEmbedder, type EmbedderSecrets } from '../embed/registry.ts'
import { toPgVector } from '../embed/vector-sql.ts'
import { decide, shown, type Decision, type Thresholds } from '../decide/tiers.ts'
import { loadThresholds } from '../decide/thresholds.ts'
import { normalise } from '../text/normalise.ts'
import { DEFAULT_FUSION, fuse, type Components, type FusionWeights } from './fuse.ts'
import { bm25Ceiling, bm25Idf, keywordTerms } from './keyword.ts'
import * as sql from './search-sql.ts'

export interface Candidate {
  entryId: string
  /** The entry's standard question (what a clarify option shows). */
  question: string
  score: number
  reason: { matchedQuestion: string; vector: number; entry: number; keyword: number }
}

export interface SearchResult {
  decision: Decision
  candidates: Candidate[]
  thresholds: Thresholds
}

export interface SearchOptions {
  limit?: number
  fusion?: FusionWeights
  secrets?: EmbedderSecrets
}

/** Candidates fetched per component before exact re-scoring. */
const K = 30
/** Long messages keep only their rarest terms: latency stays flat, meaning barely moves. */
const MAX_TERMS = 48

export async function search(db: Db, text: string, opts: SearchOptions = {}): Promise<SearchResult> {
  const thresholds = await loadThresholds(db)
  const ranked = await rank(db, text, opts)
  const scores = ranked.map((c) => c.score)
  const decision = decide(scores, thresholds)
  const n = decision === 'clarify' ? shown(decision, scores, thresholds) : (opts.limit ?? 5)
  return { decision, candidates: ranked.slice(0, n), thresholds }
}

export async function rank(db: Db, text: string, opts: SearchOptions = {}): Promise<Candidate[]> {
  const norm = normalise(text)
  if (!norm) return []
  const active = await activeEmbedder(db, opts.secrets)
  if (!active) return []
  const [vec] = await active.embedder.embed([norm])
  const v = toPgVector(vec!)
  const { terms, idfs, ceiling, avgLen } = await queryTerms(db, norm)
  const lit = `'${active.id.replace(/'/g, "''")}'`
  const dims = active.embedder.dims
  const ids = new Set([
    ...(await sql.vectorCandidates(db, 'kb_question_vectors', lit, dims, v, K)),
    ...(await sql.vectorCandidates(db, 'kb_entry_vectors', lit, dims, v, K)),
    ...(await sql.keywordCandidates(db, terms, idfs, avgLen, K)),
  ])
  const cand = [...ids]
  const byEntry = new Map<string, { question: string; matched: string; c: Components }>()
  for (const r of await sql.questionScores(db, active.id, v, cand)) {
    const b = byEntry.get(r.entry_id)
    if (!b || r.sim > b.c.question)
      byEntry.set(r.entry_id, { question: r.question, matched: r.matched, c: { question: r.sim, entry: 0, keyword: b?.c.keyword ?? 0 } })
  }
  for (const r of await sql.entryScores(db, active.id, v, cand)) {
    const b = byEntry.get(r.entry_id)
    if (b) b.c.entry = Math.max(0, r.sim)
  }
  for (const r of await sql.keywordScores(db, terms, idfs, avgLen, cand)) {
    const b = byEntry.get(r.entry_id)
    if (b) b.c.keyword = Math.max(b.c.keyword, r.s / ceiling)
  }
  const w = opts.fusion ?? DEFAULT_FUSION
  return [...byEntry]
    .map(([entryId, b]) => ({
      entryId,
      question: b.question,
      score: fuse({ ...b.c, question: Math.max(0, b.c.question) }, w),
      reason: { matchedQuestion: b.matched, vector: b.c.question, entry: b.c.entry, keyword: b.c.keyword },
    }))
    .sort((a, b) => b.score - a.score || (a.entryId < b.entryId ? -1 : 1))
}

async function queryTerms(db: Db, norm: string) {
  const all = [...keywordTerms(norm).keys()]
  const stats = await db.query<{ docs: number; total_len: number }>('select docs, total_len from kb_keyword_stats')
  const docs = Number(stats.rows[0]?.docs ?? 0)
  const avgLen = docs > 0 ? Number(stats.rows[0]!.total_len) / docs : 1
  const dfs = await db.query<{ term: string; df: number }>('select term, df from kb_terms where term = any($1)', [all])
  const df = new Map(dfs.rows.map((r) => [r.term, Number(r.df)]))
  const scored = all.map((t) => ({ t, idf: bm25Idf(docs, df.get(t) ?? 0) }))
  const ceiling = bm25Ceiling(scored.map((s) => s.idf))
  const kept = scored.filter((s) => df.has(s.t)).sort((a, b) => b.idf - a.idf).slice(0, MAX_TERMS)
  return { terms: kept.map((s) => s.t), idfs: kept.map((s) => s.idf), ceiling, avgLen }
}
