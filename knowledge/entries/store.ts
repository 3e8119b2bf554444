/** SQL for entries: read one or many, write fields and questions, keep version snapshots. */
import type { Db } from '../../bot/db/client.ts'
import { toEntry } from './rows.ts'
import type { Entry, EntryFields } from './schema.ts'
import { removeKeyword } from '../search/write-keyword.ts'

const COLUMNS = `e.id, e.question, e.answer, e.answer_extras, e.channel_answers, e.category_path, e.tags, e.status,
  e.valid_from, e.valid_to, e.owner_id, e.version, e.created_at, e.updated_at, e.updated_by,
  coalesce((select array_agg(q.text order by q.position, q.id) from kb_questions q
            where q.entry_id = e.id and not q.is_primary), '{}') as similar`

export async function readEntries(db: Db, ids: string[], lock = false): Promise<Entry[]> {
  const r = await db.query(`select ${COLUMNS} from kb_entries e where e.id = any($1) order by e.id ${lock ? 'for update' : ''}`, [ids])
  return r.rows.map(toEntry)
}

export async function readEntry(db: Db, id: string, lock = false): Promise<Entry | null> {
  return (await readEntries(db, [id], lock))[0] ?? null
}

/** Insert or overwrite the entry row and its questions; the caller decides the version. */
export async function writeEntry(db: Db, id: string, f: EntryFields, version: number, by: string, now: Date): Promise<void> {
  await db.query(
    `insert into kb_entries (id, question, answer, answer_extras, channel_answers, category_path, tags, status,
                             valid_from, valid_to, owner_id, version, created_at, updated_at, updated_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14)
     on conflict (id) do update set question = excluded.question, answer = excluded.answer,
       answer_extras = excluded.answer_extras, channel_answers = excluded.channel_answers,
       category_path = excluded.category_path, tags = excluded.tags, status = excluded.status,
       valid_from = excluded.valid_from, valid_to = excluded.valid_to, owner_id = excluded.owner_id,
       version = excluded.version, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [
      id,
      f.question,
      f.answer,
      JSON.stringify(f.answerExtras),
      JSON.stringify(f.channelAnswers),
      f.categoryPath,
      f.tags,
      f.status,
      f.validFrom,
      f.validTo,
      f.ownerId,
      version,
      now,
      by,
    ],
  )
  // Keyword rows first: the cascade from kb_questions would drop them without fixing term counts.
  await removeKeyword(db, [id])
  await db.query('delete from kb_questions where entry_id = $1', [id])
  const texts = [f.question, ...f.similarQuestions]
  await db.query(
    `insert into kb_questions (entry_id, text, is_primary, position)
     select $1, t, o = 1, o - 1 from unnest($2::text[]) with ordinality as x(t, o)`,
    [id, texts],
  )
  await db.query(`insert into kb_entry_versions (entry_id, version, snapshot, changed_by, changed_at) values ($1, $2, $3, $4, $5)`, [
    id,
    version,
    JSON.stringify(f),
    by,
    now,
  ])
}

export interface ListFilter {
  q?: string
  category?: string
  tag?: string
  status?: 'draft' | 'published'
  ownerId?: number
  limit: number
  offset: number
}

export async function listEntries(db: Db, f: ListFilter): Promise<{ items: Entry[]; total: number }> {
  const where: string[] = []
  const params: unknown[] = []
  const add = (sql: string, v: unknown) => {
    params.push(v)
    where.push(sql.replace(/\?q?/g, `$${params.length}`))
  }
  // Plain substring search over id, questions and answer: strpos is literal, so % and _ match themselves.
  if (f.q) add('(e.id = ?q or strpos(e.answer, ?q) > 0 or exists (select 1 from kb_questions q where q.entry_id = e.id and strpos(q.text, ?q) > 0))', f.q)
  if (f.category) add('? = any(e.category_path)', f.category)
  if (f.tag) add('? = any(e.tags)', f.tag)
  if (f.status) add('e.status = ?', f.status)
  if (f.ownerId) add('e.owner_id = ?', f.ownerId)
  const w = where.length ? `where ${where.join(' and ')}` : ''
  const total = await db.query<{ n: number }>(`select count(*)::int n from kb_entries e ${w}`, params)
  const rows = await db.query(`select ${COLUMNS} from kb_entries e ${w} order by e.updated_at desc, e.id limit ${f.limit} offset ${f.offset}`, params)
  return { items: rows.rows.map(toEntry), total: total.rows[0]!.n }
}
