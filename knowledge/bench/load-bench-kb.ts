/** Puts a benchmark KB into kb_entries / kb_questions as published entries. */
import type { Db } from '../../bot/db/client.ts'
import type { BenchEntry } from './dataset.ts'

export async function loadBenchKb(db: Db, kb: BenchEntry[]): Promise<void> {
  const BATCH = 1000
  for (let i = 0; i < kb.length; i += BATCH) {
    const part = kb.slice(i, i + BATCH)
    await db.query(
      `insert into kb_entries (id, question, answer, status, category_path)
       select id, q, a, 'published', array[c] from unnest($1::text[], $2::text[], $3::text[], $4::text[]) t(id, q, a, c)`,
      [part.map((e) => e.id), part.map((e) => e.question), part.map((e) => e.answer ?? ''), part.map((e) => e.category ?? '')],
    )
    const eid: string[] = [],
      txt: string[] = [],
      prim: boolean[] = [],
      pos: number[] = []
    for (const e of part) {
      ;[e.question, ...(e.similar_questions ?? [])].forEach((t, j) => {
        eid.push(e.id), txt.push(t), prim.push(j === 0), pos.push(j)
      })
    }
    await db.query(
      `insert into kb_questions (entry_id, text, is_primary, position)
       select * from unnest($1::text[], $2::text[], $3::bool[], $4::int[])`,
      [eid, txt, prim, pos],
    )
  }
}
