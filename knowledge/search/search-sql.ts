/**
 * The SQL of one search, as ONE statement (one round trip, one plan; term statistics
 * are looked up inside it):
 *  1. candidates — the nearest entry sketches through the embedder's HNSW index, and the
 *     best keyword matches read best-first per term from kb_postings_impact_cover (bounded
 *     work however common a term is);
 *  2. exact scores for just those entries: every question's cosine, the entry vector's
 *     cosine and the entry's BM25 as one document (one kb_entry_terms row: its terms'
 *     frequencies over all its questions, and its length; entry idf), keeping only
 *     published entries in their validity window.
 * With a pretrained (dense) embedder beside the primary one, its nearest entries are a
 * third candidate source, and each question row carries its dense cosine too.
 * The HNSW index is partial on the embedder id, so the id is written as a literal and
 * the ORDER BY expression is exactly the indexed one (vector-index.ts).
 */
import type { Db } from '../../bot/db/client.ts'
import { hnswDistance } from '../embed/vector-index.ts'
import { BM25 } from './keyword.ts'

export const LIVE = `e.status = 'published' and (e.valid_from is null or e.valid_from <= now())
  and (e.valid_to is null or e.valid_to > now())`

/**
 * Candidates from each side, and postings read per query term for keyword candidates.
 * 20 + 20 entries (was 30 + 30): 100k entries on PostgreSQL, p99 22 → 17 ms. Postings per
 * term stay 64: at 32 the tune split lost hit@5 on afqmc-dev (0.355 → 0.349); at 64 it
 * matches the old limits there (bq-dev hit@1 0.153 → 0.157, hit@5 0.470 → 0.463).
 */
export const LIMITS = { vector: 20, keyword: 20, perTerm: 64 }

export interface ScoredQuestion {
  /** The entry-level BM25 ceiling of the whole query (same on every row): divides BM25 into 0..1. */
  ceiling: number
  entry_id: string
  question: string
  matched: string
  qsim: number
  esim: number
  /** The entry's BM25 (the same on each of its rows). */
  kw: number
  /** Dense cosine of this question and of the entry centroid (null without a dense embedder, or before its vectors exist). */
  dsim: number | null
  desim: number | null
  /** The entry's hubness under the dense embedder (hubness.ts; null without one or before it is written). */
  dhub: number | null
}

/** The pretrained embedder's part of one search. */
export interface DenseQuery {
  embedderId: string
  dims: number
  vec: string
}

export async function scoreCandidates(
  db: Db,
  q: {
    embedderId: string
    dims: number
    vec: string
    sketch: string
    terms: string[]
    maxTerms: number
    docs: number
    entries: number
    avgEntryLen: number
    dense?: DenseQuery | null
  },
): Promise<ScoredQuestion[]> {
  const lit = `'${q.embedderId.replace(/'/g, "''")}'`
  const d = q.dense
  const dlit = d ? `'${d.embedderId.replace(/'/g, "''")}'` : ''
  const params: unknown[] = [q.vec, q.terms, q.docs, q.embedderId, q.sketch, q.entries, q.avgEntryLen]
  if (d) params.push(d.vec)
  const { k1, b } = BM25
  const r = await db.query<ScoredQuestion>(
    `with qt as (
       select u.term, ln(1 + ($3::float8 - coalesce(k.df, 0) + 0.5) / (coalesce(k.df, 0) + 0.5)) idf,
              ln(1 + ($6::float8 - coalesce(k.edf, 0) + 0.5) / (coalesce(k.edf, 0) + 0.5)) eidf, k.df
         from unnest($2::text[]) u(term) left join kb_terms k on k.term = u.term),
     t as (select term, idf, eidf from qt where df > 0 order by idf desc limit ${q.maxTerms}),
     ev as (
       select entry_id from kb_entry_vectors where embedder_id = ${lit}
        order by ${hnswDistance(q.dims, '$5')} limit ${LIMITS.vector}),
     kw as (
       select p.entry_id from t cross join lateral (
         select question_id, entry_id, impact from kb_postings p where p.term = t.term
          order by p.impact desc limit ${LIMITS.perTerm}) p
        group by p.question_id, p.entry_id order by sum(t.idf * p.impact) desc limit ${LIMITS.keyword}),
     ${
       d
         ? `dv as (
       select entry_id from kb_entry_vectors where embedder_id = ${dlit}
        order by ${hnswDistance(d.dims, '$8')} limit ${LIMITS.vector}),`
         : ''
     }
     cand as (select entry_id from ev union select entry_id from kw${d ? ' union select entry_id from dv' : ''}),
     live as (select e.id, e.question from kb_entries e join cand c on c.entry_id = e.id where ${LIVE}),
     kwx as (
       select d.entry_id, sum(t.eidf * u.tf * ${k1 + 1} / (u.tf + ${k1} * (1 - ${b} + ${b} * d.len / $7::float8))) s
         from live l join kb_entry_terms d on d.entry_id = l.id
        cross join lateral unnest(d.terms, d.tfs) u(term, tf)
         join t on t.term = u.term
        group by d.entry_id)
     select (select sum(eidf) * ${k1 + 1} from qt) ceiling, l.id entry_id, l.question, qq.text matched,
            -(v.embedding <#> $1::vector) qsim, coalesce(-(x.embedding <#> $1::vector), 0) esim, coalesce(k.s, 0) kw,
            ${d ? `-(dq.embedding <#> $8::vector) dsim, -(dx.embedding <#> $8::vector) desim, dx.hub dhub` : 'null::float8 dsim, null::float8 desim, null::float8 dhub'}
       from live l
       join kb_question_vectors v on v.embedder_id = $4 and v.entry_id = l.id
       join kb_questions qq on qq.id = v.question_id
       left join kb_entry_vectors x on x.embedder_id = $4 and x.entry_id = l.id
       left join kwx k on k.entry_id = l.id
       ${
         d
           ? `left join kb_question_vectors dq on dq.embedder_id = ${dlit} and dq.question_id = v.question_id
       left join kb_entry_vectors dx on dx.embedder_id = ${dlit} and dx.entry_id = l.id`
           : ''
       }`,
    params,
  )
  return r.rows
}
