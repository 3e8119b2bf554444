/**
 * The pretrained embedder's vectors, built beside the primary index. Its vectors depend
 * only on a question's text, never on the rest of the knowledge base, so unlike the local
 * model they are not relearned on a rebuild: the embedder keeps one fixed id per model,
 * and a rebuild embeds just the questions that have no vector yet (every edit re-embeds
 * its entry through index-entries.ts, and an edited question is a new row). Entry vectors
 * are the centroid of their questions' vectors, recomputed for the entries that changed.
 * Vectors are written in batches with progress, so a 100k-entry first build shows how far it is.
 */
import type { Db } from '../../bot/db/client.ts'
import { activateEmbedder, dropEmbedder, registerEmbedder } from '../embed/registry.ts'
import { pretrainedEmbedder } from '../embed/pretrained/bge.ts'
import type { PretrainedModelId } from '../embed/pretrained/files.ts'
import { createVectorIndex } from '../embed/vector-index.ts'
import { analyzeIndex, bumpKbVersion } from './kb-version.ts'
import { writeHubs } from './hubness.ts'
import { writeQuestionVectors } from './write-vectors.ts'

export const DEFAULT_DENSE: PretrainedModelId = 'bge-small-zh-v1.5'
const EMBED_BATCH = 256
const ENTRY_BATCH = 500

export const denseEmbedderId = (model: PretrainedModelId) => `pretrained-${model}`

export async function buildDense(db: Db, model: PretrainedModelId | false, progress: (done: number, total: number) => void = () => {}): Promise<string | null> {
  if (model === false) {
    const old = await db.query<{ id: string }>(`select id from kb_embedders where role = 'dense'`)
    for (const r of old.rows) await dropEmbedder(db, r.id)
    if (old.rows.length) await bumpKbVersion(db)
    return null
  }
  const embedder = await pretrainedEmbedder(model)
  const id = denseEmbedderId(model)
  await registerEmbedder(db, { id, kind: 'pretrained', dims: embedder.dims, config: { model }, role: 'dense' })
  const missing = await db.query<{ id: number; entry_id: string; text: string }>(
    `select q.id, q.entry_id, q.text from kb_questions q
      where not exists (select 1 from kb_question_vectors v where v.embedder_id = $1 and v.question_id = q.id)
      order by q.entry_id, q.id`,
    [id],
  )
  const qs = missing.rows.map((q) => ({ id: Number(q.id), entryId: q.entry_id, text: q.text }))
  await db.query('update kb_embedders set progress_total = $2 where id = $1', [id, qs.length])
  progress(0, qs.length)
  for (let i = 0; i < qs.length; i += EMBED_BATCH) {
    const part = qs.slice(i, i + EMBED_BATCH)
    await writeQuestionVectors(db, id, part, await embedder.embed(part.map((q) => q.text)))
    const done = Math.min(qs.length, i + EMBED_BATCH)
    await db.query('update kb_embedders set progress_done = $2 where id = $1', [id, done])
    progress(done, qs.length)
  }
  const stale = await db.query<{ id: string }>(
    `select e.id from kb_entries e where e.id = any($2) or (exists (select 1 from kb_questions q where q.entry_id = e.id)
        and not exists (select 1 from kb_entry_vectors x where x.embedder_id = $1 and x.entry_id = e.id))`,
    [id, [...new Set(qs.map((q) => q.entryId))]],
  )
  await writeCentroids(
    db,
    id,
    stale.rows.map((r) => r.id),
  )
  await createVectorIndex(db, id, embedder.dims)
  await analyzeIndex(db)
  // After the index: each entry's neighbours are found through it.
  await writeHubs(
    db,
    id,
    embedder.dims,
    stale.rows.map((r) => r.id),
  )
  await activateEmbedder(db, id)
  return id
}

/**
 * Entry vectors as the unit-length mean of their questions' vectors, in the database
 * (pgvector's avg and l2_normalize), so no vector travels out and back as text. Vectors of
 * this size are indexed whole, so the sketch column holds the same vector (sketch.ts).
 */
async function writeCentroids(db: Db, id: string, entryIds: string[]) {
  for (let i = 0; i < entryIds.length; i += ENTRY_BATCH) {
    await db.query(
      `insert into kb_entry_vectors (embedder_id, entry_id, embedding, sketch)
       select $1, entry_id, c, c from (
         select entry_id, l2_normalize(avg(embedding)) c from kb_question_vectors
          where embedder_id = $1 and entry_id = any($2) group by entry_id) t
       on conflict (embedder_id, entry_id) do update set embedding = excluded.embedding, sketch = excluded.sketch`,
      [id, entryIds.slice(i, i + ENTRY_BATCH)],
    )
  }
}
