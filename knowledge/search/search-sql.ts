/**
 * The SQL of one search. Vector candidates come from the per-embedder HNSW indexes
 * (inner product on unit vectors = cosine), keyword candidates from BM25 over the
 * postings; then every component is scored exactly for the union of candidates, with
 * only published entries inside their validity window kept.
 */
import type { Db } from '../../bot/db/client.ts'
import { BM25 } from './keyword.ts'

export const LIVE = `e.status = 'published' and (e.valid_from is null or e.valid_from <= now())
  and (e.valid_to is null or e.valid_to > now())`

const bm25 = (avg: string) =>
  `t.idf * p.tf * ${BM25.k1 + 1} / (p.tf + ${BM25.k1} * (1 - ${BM25.b} + ${BM25.b} * d.len / ${avg}))`

export async function vectorCandidates(db: Db, table: 'kb_question_vectors' | 'kb_entry_vectors', embedderLiteral: string, dims: number, vec: string, k: number) {
  // The partial HNSW index matches only with the embedder id written as a literal.
  const r = await db.query<{ entry_id: string }>(
    `select entry_id from ${table} where embedder_id = ${embedderLiteral}
      order by embedding::vector(${dims}) <#> $1::vector(${dims}) limit ${k}`,
    [vec],
  )
  return r.rows.map((x) => x.entry_id)
}

export async function keywordCandidates(db: Db, terms: string[], idfs: number[], avgLen: number, k: number) {
  if (terms.length === 0) return []
  const r = await db.query<{ entry_id: string }>(
    `select p.entry_id, sum(${bm25('$3')}) s
       from kb_postings p join unnest($1::text[], $2::float8[]) t(term, idf) on t.term = p.term
       join kb_keyword_docs d on d.question_id = p.question_id
      group by p.question_id, p.entry_id order by s desc limit ${k}`,
    [terms, idfs, avgLen],
  )
  return r.rows.map((x) => x.entry_id)
}

export async function questionScores(db: Db, embedderId: string, vec: string, entryIds: string[]) {
  const r = await db.query<{ entry_id: string; question: string; matched: string; sim: number }>(
    `select v.entry_id, e.question, q.text matched, -(v.embedding <#> $1::vector) sim
       from kb_question_vectors v join kb_questions q on q.id = v.question_id
       join kb_entries e on e.id = v.entry_id
      where v.embedder_id = $2 and v.entry_id = any($3) and ${LIVE}`,
    [vec, embedderId, entryIds],
  )
  return r.rows
}

export async function entryScores(db: Db, embedderId: string, vec: string, entryIds: string[]) {
  const r = await db.query<{ entry_id: string; sim: number }>(
    `select entry_id, -(embedding <#> $1::vector) sim from kb_entry_vectors
      where embedder_id = $2 and entry_id = any($3)`,
    [vec, embedderId, entryIds],
  )
  return r.rows
}

export async function keywordScores(db: Db, terms: string[], idfs: number[], avgLen: number, entryIds: string[]) {
  if (terms.length === 0) return []
  const r = await db.query<{ entry_id: string; s: number }>(
    `select p.entry_id, sum(${bm25('$3')}) s
       from kb_postings p join unnest($1::text[], $2::float8[]) t(term, idf) on t.term = p.term
       join kb_keyword_docs d on d.question_id = p.question_id
      where p.entry_id = any($4) group by p.question_id, p.entry_id`,
    [terms, idfs, avgLen, entryIds],
  )
  return r.rows
}
