/**
 * Writes the keyword index (postings, per-question length, term document frequency,
 * collection size) for some questions, replacing what those entries had before.
 */
import type { Db } from '../../bot/db/client.ts'
import { normalise } from '../text/normalise.ts'
import { keywordTerms } from './keyword.ts'

export interface QuestionRow {
  id: number
  entryId: string
  text: string
}

const BATCH = 2000

/** Forgets the keyword rows of these entries, keeping df and collection size right. */
export async function removeKeyword(db: Db, entryIds: string[]): Promise<void> {
  await db.query(
    `update kb_terms t set df = t.df - c.n
       from (select term, count(*)::int n from kb_postings where entry_id = any($1) group by term) c
      where t.term = c.term`,
    [entryIds],
  )
  await db.query(
    `update kb_keyword_stats set docs = docs - s.n, total_len = total_len - s.l
       from (select count(*)::int n, coalesce(sum(len), 0)::bigint l from kb_keyword_docs where entry_id = any($1)) s`,
    [entryIds],
  )
  await db.query('delete from kb_postings where entry_id = any($1)', [entryIds])
  await db.query('delete from kb_keyword_docs where entry_id = any($1)', [entryIds])
}

export async function writeKeyword(db: Db, qs: QuestionRow[]): Promise<void> {
  for (let i = 0; i < qs.length; i += BATCH) await writeBatch(db, qs.slice(i, i + BATCH))
}

async function writeBatch(db: Db, qs: QuestionRow[]): Promise<void> {
  const terms: string[] = [], qids: number[] = [], eids: string[] = [], tfs: number[] = []
  const dq: number[] = [], de: string[] = [], dl: number[] = []
  for (const q of qs) {
    let len = 0
    for (const [t, tf] of keywordTerms(normalise(q.text))) {
      terms.push(t), qids.push(q.id), eids.push(q.entryId), tfs.push(tf)
      len += tf
    }
    dq.push(q.id), de.push(q.entryId), dl.push(len)
  }
  await db.query(
    `insert into kb_postings (term, question_id, entry_id, tf)
     select * from unnest($1::text[], $2::bigint[], $3::text[], $4::real[])`,
    [terms, qids, eids, tfs],
  )
  await db.query(
    `insert into kb_keyword_docs (question_id, entry_id, len)
     select * from unnest($1::bigint[], $2::text[], $3::int[])`,
    [dq, de, dl],
  )
  await db.query(
    `insert into kb_terms (term, df) select term, count(*) from unnest($1::text[]) term group by term
     on conflict (term) do update set df = kb_terms.df + excluded.df`,
    [terms],
  )
  await db.query('update kb_keyword_stats set docs = docs + $1, total_len = total_len + $2', [
    dq.length,
    dl.reduce((a, b) => a + b, 0),
  ])
}

export async function clearKeyword(db: Db): Promise<void> {
  await db.exec(`delete from kb_postings; delete from kb_keyword_docs; delete from kb_terms;
    update kb_keyword_stats set docs = 0, total_len = 0;`)
}
