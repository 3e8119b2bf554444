/**
 * calibrate(db): learns the answer / clarify thresholds from the knowledge base itself
 * (held-out similar questions and held-out entries, see examples.ts) for the admin's
 * target precision, and stores them. The held-out questions are scored the way search
 * scores a message: an index of the remaining questions with entry vectors trained (or
 * averaged) exactly as a rebuild would. An admin override stays in force over the result.
 */
import type { Db } from '../../bot/db/client.ts'
import { activeEmbedder } from '../embed/registry.ts'
import { fromPgVector } from '../embed/vector-sql.ts'
import { fusionOf, type FusionWeights } from '../search/fuse.ts'
import { keywordTerms } from '../search/keyword.ts'
import { bumpKbVersion } from '../search/kb-version.ts'
import { MemoryIndex } from '../search/memory-index.ts'
import { LIVE } from '../search/search-sql.ts'
import { trainingFits } from '../search/train-step.ts'
import { trainEntryVectors } from '../embed/train-entries.ts'
import { centroids } from '../search/write-vectors.ts'
import { normalise } from '../text/normalise.ts'
import { chooseHoldOut, FOLDS, type Example, type HoldOut } from './examples.ts'
import type { QuestionRow } from '../search/write-keyword.ts'
import { fitThresholds, type Fit } from './fit.ts'

/** Larger KBs are calibrated on a hash sample of this many entries (memory and time). */
const MAX_ENTRIES = 5000

export async function calibrate(db: Db, opts: { targetPrecision?: number; fusion?: FusionWeights; z?: number } = {}): Promise<Fit | null> {
  const stored = await db.query<{ target_precision: number }>('select target_precision from kb_calibration where id = 1')
  const target = opts.targetPrecision ?? Number(stored.rows[0]?.target_precision ?? 0.95)
  const active = await activeEmbedder(db)
  if (!active) return null
  const dense = await activeEmbedder(db, {}, 'dense')
  // The dense vector rides along on each question row (null when there is none).
  const r = await db.query<{ id: number; entry_id: string; text: string; embedding: string; dense: string | null }>(
    `with pick as (select e.id from kb_entries e where ${LIVE} order by md5(e.id) limit ${MAX_ENTRIES})
     select q.id, v.entry_id, q.text, v.embedding::text embedding, d.embedding::text dense
       from pick join kb_question_vectors v on v.entry_id = pick.id and v.embedder_id = $1
       join kb_questions q on q.id = v.question_id
       left join kb_question_vectors d on d.embedder_id = $2 and d.question_id = q.id
      order by v.entry_id, q.id`,
    [active.id, dense?.id ?? ''],
  )
  if (r.rows.length === 0) return null
  const qs = r.rows.map((x) => ({ id: Number(x.id), entryId: x.entry_id, text: x.text }))
  const vecs = r.rows.map((x) => fromPgVector(x.embedding))
  const dvecs = dense && r.rows.every((x) => x.dense) ? r.rows.map((x) => fromPgVector(x.dense!)) : null
  // Hubness is the whole KB's (unlabelled, as serving has it), not refitted per fold.
  const hubs = dense ? await entryHubs(db, dense.id) : new Map<string, number>()
  const examples = servingExamples(qs, { vecs, dvecs, hubs }, active.model !== null, opts.fusion ?? fusionOf(active.model))
  const fit = fitThresholds(examples, target, opts.z)
  await db.query(`update kb_calibration set target_precision = $1, calibrated = $2, kb_version = $3, examples = $4, calibrated_at = now() where id = 1`, [
    target,
    JSON.stringify({ ...fit.thresholds, examples: fit.examples, expected: fit.expected }),
    active.id,
    JSON.stringify(examples.map(compact)),
  ])
  await db.query('update kb_index_state set calibration_stale = false, edits_since_calibration = 0 where id = 1')
  await bumpKbVersion(db)
  return fit
}

// Four decimals are finer than any threshold step, and keep a 5,000-entry KB's examples small.
function compact(e: Example): Example {
  return { scores: e.scores.map((x) => Math.round(x * 1e4) / 1e4), goldRank: e.goldRank, negative: e.negative }
}

type Vecs = Float32Array[]
/** Per question: primary vectors, pretrained ones (null without), and each entry's hubness under the pretrained model. */
interface KbVectors {
  vecs: Vecs
  dvecs: Vecs | null
  hubs: Map<string, number>
}

async function entryHubs(db: Db, denseId: string): Promise<Map<string, number>> {
  const r = await db.query<{ entry_id: string; hub: number | null }>('select entry_id, hub from kb_entry_vectors where embedder_id = $1 and hub is not null', [
    denseId,
  ])
  return new Map(r.rows.map((x) => [x.entry_id, Number(x.hub)]))
}

function servingExamples(qs: QuestionRow[], kv: KbVectors, trainable: boolean, w: FusionWeights): Example[] {
  const out: Example[] = []
  for (let f = 0; f < FOLDS; f++) out.push(...foldExamples(qs, kv, chooseHoldOut(qs, f), trainable, w))
  return out
}

function foldExamples(qs: QuestionRow[], { vecs, dvecs, hubs }: KbVectors, h: HoldOut, trainable: boolean, w: FusionWeights): Example[] {
  const keptQs = h.kept.map((i) => qs[i]!)
  const keptVecs = h.kept.map((i) => vecs[i]!)
  const cents = centroids(keptQs, keptVecs)
  let entryVecs = cents
  if (trainable && trainingFits(keptQs, {})) {
    const ids = [...cents.keys()]
    const pos = new Map(ids.map((e, i) => [e, i]))
    const W = trainEntryVectors(
      ids,
      ids.map((e) => cents.get(e)!),
      keptQs.map((q, i) => ({ entry: pos.get(q.entryId)!, vec: keptVecs[i]! })),
    )
    entryVecs = new Map(ids.map((e, i) => [e, W[i]!]))
  }
  const keptDense = dvecs ? h.kept.map((i) => dvecs[i]!) : null
  const dense = keptDense ? { vecs: keptDense, entryVecs: centroids(keptQs, keptDense), hubs } : null
  const idx = new MemoryIndex(null, keptQs, keptVecs, entryVecs, dense)
  const run = (i: number, negative: boolean): Example => {
    const ranked = idx.searchVector(vecs[i]!, keywordTerms(normalise(qs[i]!.text)), w, 5, dvecs?.[i])
    return { scores: ranked.map((x) => x.score), goldRank: negative ? -1 : ranked.findIndex((x) => x.entryId === qs[i]!.entryId), negative }
  }
  return [...h.positives.map((i) => run(i, false)), ...h.negatives.map((i) => run(i, true))]
}
