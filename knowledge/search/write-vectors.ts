/** Writes question and entry vectors of one embedder, replacing those entries' old rows. */
import type { Db } from '../../bot/db/client.ts'
import { l2normalise } from '../embed/local.ts'
import { toPgVector } from '../embed/vector-sql.ts'
import { sketch } from '../embed/sketch.ts'
import type { QuestionRow } from './write-keyword.ts'

const BATCH = 500

export async function writeQuestionVectors(db: Db, embedderId: string, qs: QuestionRow[], vecs: Float32Array[]) {
  for (let i = 0; i < qs.length; i += BATCH) {
    const part = qs.slice(i, i + BATCH)
    await db.query(
      `insert into kb_question_vectors (embedder_id, question_id, entry_id, embedding)
       select $1, q, e, v::vector from unnest($2::bigint[], $3::text[], $4::text[]) as t(q, e, v)
       on conflict (embedder_id, question_id) do update set entry_id = excluded.entry_id, embedding = excluded.embedding`,
      [embedderId, part.map((q) => q.id), part.map((q) => q.entryId), vecs.slice(i, i + BATCH).map(toPgVector)],
    )
  }
}

export async function writeEntryVectors(db: Db, embedderId: string, ids: string[], vecs: Float32Array[]) {
  for (let i = 0; i < ids.length; i += BATCH) {
    await db.query(
      `insert into kb_entry_vectors (embedder_id, entry_id, embedding, sketch)
       select $1, e, v::vector, s::vector from unnest($2::text[], $3::text[], $4::text[]) as t(e, v, s)
       on conflict (embedder_id, entry_id) do update set embedding = excluded.embedding, sketch = excluded.sketch`,
      [embedderId, ids.slice(i, i + BATCH), vecs.slice(i, i + BATCH).map(toPgVector), vecs.slice(i, i + BATCH).map((v) => toPgVector(sketch(v)))],
    )
  }
}

/** Unit-length mean of each entry's question vectors: the untrained entry vector. */
export function centroids(qs: QuestionRow[], vecs: Float32Array[]): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>()
  qs.forEach((q, i) => {
    let s = out.get(q.entryId)
    if (!s) out.set(q.entryId, (s = new Float32Array(vecs[i]!.length)))
    const v = vecs[i]!
    for (let d = 0; d < s.length; d++) s[d]! += v[d]!
  })
  for (const v of out.values()) l2normalise(v)
  return out
}
