/**
 * The optional training step of a rebuild: entry vectors as a softmax classifier over
 * all entries (train-entries.ts). Its cost grows with questions × entries: the trainer
 * stops at its own budget, and a KB whose full training would be far past that budget
 * (beyond ~a few thousand entries) keeps centroid entry vectors — a budget-cut pass
 * over a tiny share of its questions would only cost the memory of holding every vector.
 */
import type { Db } from '../../bot/db/client.ts'
import { trainEntryVectors, type TrainOptions } from '../embed/train-entries.ts'
import type { QuestionRow } from './write-keyword.ts'
import { centroids, writeEntryVectors } from './write-vectors.ts'

/** Non-zero dimensions of a typical local question vector (hashed lexical features). */
const TYPICAL_NNZ = 80
export const TRAIN_BUDGET = 5e8
/** Train when at least 1/FULL_SHARE of the full job fits the budget. */
const FULL_SHARE = 20
/** Question vectors held in memory for training (1024 floats each). */
const MAX_HELD = 50_000

export function trainingFits(qs: QuestionRow[], opts: TrainOptions): boolean {
  const perEntry = new Map<string, number>()
  for (const q of qs) perEntry.set(q.entryId, (perEntry.get(q.entryId) ?? 0) + 1)
  let examples = 0
  for (const n of perEntry.values()) if (n >= 2) examples += n
  const cost = (opts.epochs ?? 8) * examples * perEntry.size * TYPICAL_NNZ
  return examples > 0 && qs.length <= MAX_HELD && cost <= FULL_SHARE * (opts.budget ?? TRAIN_BUDGET)
}

export async function trainAndWrite(db: Db, embedderId: string, qs: QuestionRow[], vecs: Float32Array[], opts: TrainOptions) {
  const cents = centroids(qs, vecs)
  const ids = [...cents.keys()]
  const pos = new Map(ids.map((e, i) => [e, i]))
  const W = trainEntryVectors(
    ids,
    ids.map((e) => cents.get(e)!),
    qs.map((q, i) => ({ entry: pos.get(q.entryId)!, vec: vecs[i]! })),
    opts,
  )
  await writeEntryVectors(db, embedderId, ids, W)
}
