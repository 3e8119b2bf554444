/**
 * calibrate(db): learns the answer / clarify thresholds from the knowledge base itself
 * (held-out similar questions and held-out entries, see examples.ts) for the admin's
 * target precision, and stores them. Run after every rebuild or KB change; an admin
 * override stays in force over the result.
 */
import type { Db } from '../../bot/db/client.ts'
import { activeEmbedder } from '../embed/registry.ts'
import { fromPgVector } from '../embed/vector-sql.ts'
import { DEFAULT_FUSION, type FusionWeights } from '../search/fuse.ts'
import { MemoryIndex } from '../search/memory-index.ts'
import { LIVE } from '../search/search-sql.ts'
import { heldOutExamples } from './examples.ts'
import { fitThresholds, type Fit } from './fit.ts'

export async function calibrate(
  db: Db,
  opts: { targetPrecision?: number; fusion?: FusionWeights } = {},
): Promise<Fit | null> {
  const stored = await db.query<{ target_precision: number }>('select target_precision from kb_calibration where id = 1')
  const target = opts.targetPrecision ?? Number(stored.rows[0]?.target_precision ?? 0.95)
  const active = await activeEmbedder(db)
  if (!active) return null
  const r = await db.query<{ entry_id: string; text: string; embedding: string }>(
    `select v.entry_id, q.text, v.embedding::text embedding
       from kb_question_vectors v join kb_questions q on q.id = v.question_id join kb_entries e on e.id = v.entry_id
      where v.embedder_id = $1 and ${LIVE} order by q.id`,
    [active.id],
  )
  if (r.rows.length === 0) return null
  const idx = new MemoryIndex(
    active.model,
    r.rows.map((x) => ({ entryId: x.entry_id, text: x.text })),
    r.rows.map((x) => fromPgVector(x.embedding)),
  )
  const fit = fitThresholds(heldOutExamples(idx, opts.fusion ?? DEFAULT_FUSION), target)
  await db.query(
    `update kb_calibration set target_precision = $1, calibrated = $2, kb_version = $3, calibrated_at = now() where id = 1`,
    [target, JSON.stringify({ ...fit.thresholds, examples: fit.examples, expected: fit.expected }), active.id],
  )
  return fit
}
