/**
 * Writes the keyword index (postings, per-question length, each entry's terms as one
 * document, term document frequency over questions and over entries, collection size)
 * for some questions, replacing what those entries had before. Callers always pass
 * whole entries.
 */
import type { Db } from '../../bot/db/client.ts'
import { normalise } from '../text/normalise.ts'
import { bm25Part, keywordTerms } from './keyword.ts'

export interface QuestionRow {
  id: number
  entryId: string
  text: string
}

const BATCH = 2000

/** Forgets the keyword rows of these entries, keeping df and collection size right. */
export async function removeKeyword(db: Db, entryIds: string[]): Promise<void> {
  await db.query(
    `update kb_terms t set df = t.df - c.n, edf = t.edf - c.e
       from (select term, count(*)::int n, count(distinct entry_id)::int e
               from kb_postings where entry_id = any($1) group by term) c
      where t.term = c.term`,
    [entryIds],
  )
  await db.query(
    `update kb_keyword_stats set docs = docs - s.n, total_len = total_len - s.l, entries = entries - s.e
       from (select count(*)::int n, coalesce(sum(len), 0)::bigint l, count(distinct entry_id)::int e
               from kb_keyword_docs where entry_id = any($1)) s`,
    [entryIds],
  )
  await db.query('delete from kb_postings where entry_id = any($1)', [entryIds])
  await db.query('delete from kb_keyword_docs where entry_id = any($1)', [entryIds])
  await db.query('delete from kb_entry_terms where entry_id = any($1)', [entryIds])
}

/** `avgLen`: the collection's mean question length, when the caller knows it (a rebuild). */
export async function writeKeyword(db: Db, qs: QuestionRow[], avgLen?: number): Promise<void> {
  for (const batch of wholeEntryBatches(qs)) await writeBatch(db, batch, avgLen)
}

// An entry's questions never straddle two batches: each batch counts the entries it adds.
function wholeEntryBatches(qs: QuestionRow[]): QuestionRow[][] {
  const byEntry = new Map<string, QuestionRow[]>()
  for (const q of qs) (byEntry.get(q.entryId) ?? byEntry.set(q.entryId, []).get(q.entryId)!).push(q)
  const out: QuestionRow[][] = []
  let cur: QuestionRow[] = []
  for (const group of byEntry.values()) {
    if (cur.length > 0 && cur.length + group.length > BATCH) out.push(cur), (cur = [])
    cur.push(...group)
  }
  if (cur.length > 0) out.push(cur)
  return out
}

/** Mean keyword length of a hash sample of questions: what a rebuild's BM25 impacts use. */
export function estimateAvgLen(qs: QuestionRow[], n = 2000): number {
  const step = Math.max(1, Math.floor(qs.length / n))
  let sum = 0,
    k = 0
  for (let i = 0; i < qs.length; i += step, k++) for (const tf of keywordTerms(normalise(qs[i]!.text)).values()) sum += tf
  return sum / Math.max(1, k) || 1
}

async function writeBatch(db: Db, qs: QuestionRow[], knownAvgLen?: number): Promise<void> {
  const terms: string[] = [],
    qids: number[] = [],
    eids: string[] = [],
    tfs: number[] = [],
    lens: number[] = []
  const dq: number[] = [],
    de: string[] = [],
    dl: number[] = []
  for (const q of qs) {
    const kw = keywordTerms(normalise(q.text))
    let len = 0
    for (const tf of kw.values()) len += tf
    for (const [t, tf] of kw) terms.push(t), qids.push(q.id), eids.push(q.entryId), tfs.push(tf), lens.push(len)
    dq.push(q.id), de.push(q.entryId), dl.push(len)
  }
  // The impact (BM25's tf part) uses the collection's mean length as of this write; an
  // edit later moves the mean by a hair, which no ranking notices before the next rebuild.
  let avgLen = knownAvgLen
  if (avgLen === undefined) {
    const stats = await db.query<{ docs: number; total_len: number }>('select docs, total_len from kb_keyword_stats where id = 1')
    const docs = Number(stats.rows[0]?.docs ?? 0) + dq.length
    avgLen = (Number(stats.rows[0]?.total_len ?? 0) + dl.reduce((a, b) => a + b, 0)) / Math.max(1, docs) || 1
  }
  const impacts = tfs.map((tf, i) => bm25Part(1, tf, lens[i]!, avgLen!))
  await db.query(
    `insert into kb_postings (term, question_id, entry_id, tf, impact)
     select * from unnest($1::text[], $2::bigint[], $3::text[], $4::real[], $5::real[])`,
    [terms, qids, eids, tfs, impacts],
  )
  await db.query(
    `insert into kb_keyword_docs (question_id, entry_id, len)
     select * from unnest($1::bigint[], $2::text[], $3::int[])`,
    [dq, de, dl],
  )
  // Each entry as one document, one row (what search's exact entry-level BM25 reads):
  // its terms with their frequencies summed over its questions, and its length.
  await db.query(
    `insert into kb_entry_terms (entry_id, terms, tfs, len)
     select d.entry_id, coalesce(p.terms, '{}'), coalesce(p.tfs, '{}'), d.len
       from (select entry_id, sum(len)::int len from unnest($4::text[], $5::int[]) u(entry_id, len) group by entry_id) d
       left join (select entry_id, array_agg(term order by term) terms, array_agg(tf order by term) tfs
                    from (select entry_id, term, sum(tf)::real tf from unnest($1::text[], $2::text[], $3::real[]) u(entry_id, term, tf)
                           group by entry_id, term) s
                   group by entry_id) p using (entry_id)`,
    [eids, terms, tfs, de, dl],
  )
  await db.query(
    `insert into kb_terms (term, df, edf)
     select term, count(*), count(distinct entry_id) from unnest($1::text[], $2::text[]) u(term, entry_id) group by term
     on conflict (term) do update set df = kb_terms.df + excluded.df, edf = kb_terms.edf + excluded.edf`,
    [terms, eids],
  )
  await db.query('update kb_keyword_stats set docs = docs + $1, total_len = total_len + $2, entries = entries + $3', [
    dq.length,
    dl.reduce((a, b) => a + b, 0),
    new Set(de).size,
  ])
}

export async function clearKeyword(db: Db): Promise<void> {
  await db.exec(`delete from kb_postings; delete from kb_keyword_docs; delete from kb_entry_terms; delete from kb_terms;
    update kb_keyword_stats set docs = 0, total_len = 0, entries = 0;`)
}
