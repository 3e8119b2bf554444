/**
 * Labelled examples the knowledge base gives for free, for calibration. Held out of a
 * calibration index (built exactly like the serving one, trained entry vectors included):
 *  - similar questions, removed from their entry: each should find its own entry
 *    (positive: answering right is possible);
 *  - whole entries, removed with all their questions, queried with their standard
 *    question: nothing left is right (negative — the stand-in for questions the
 *    knowledge base does not cover).
 * Held-out questions are then searched like a customer message, through the same
 * scoring the SQL engine uses. Samples are chosen by hash, so calibration is deterministic.
 */
import { fnv1a } from '../embed/hash.ts'
import type { QuestionRow } from '../search/write-keyword.ts'

export interface Example {
  /** Fused scores of the top candidates, best first. */
  scores: number[]
  /** Rank of the right entry among them (0 = top), -1 when absent or there is none. */
  goldRank: number
  negative: boolean
}

export interface HoldOut {
  /** Indexes (into the question list) of held-out similar questions. */
  positives: number[]
  /** Indexes of the standard questions of held-out entries. */
  negatives: number[]
  /** Indexes of every question that stays in the calibration index. */
  kept: number[]
}

/**
 * Folds: each holds out a different slice, so every example is scored against ~90 % of the KB.
 * Six, not three: twice the examples for a small KB, so the fit's lower bound costs less
 * answer rate (tune split, with the fine margins of fit.ts: banking77 answered 29 % → 32 %,
 * clinc150 41 % → 43 %, precision 0.975 / 0.965). Larger KBs keep the same example budget.
 */
export const FOLDS = 6
/** Share of entries held out whole, per fold, as negatives. */
const NEGATIVE_SHARE = 0.1

/**
 * Fold f holds out whole the entries whose hash falls in its 10 % slice (negatives), and
 * one similar question (a different one per fold) of every other entry (positives).
 * Small slices keep the calibration index close to the real one: most confusable
 * neighbours are still there, and even a 50-entry KB yields enough examples.
 */
export function chooseHoldOut(qs: QuestionRow[], fold: number, opts: { positives?: number; negatives?: number } = {}): HoldOut {
  const byEntry = new Map<string, number[]>()
  qs.forEach((q, i) => {
    ;(byEntry.get(q.entryId) ?? byEntry.set(q.entryId, []).get(q.entryId)!).push(i)
  })
  const slot = (e: string) => fnv1a(`fold:${e}`) % 1000
  const lo = fold * NEGATIVE_SHARE * 1000
  const negEntries = [...byEntry.keys()].filter((e) => slot(e) >= lo && slot(e) < lo + NEGATIVE_SHARE * 1000)
  const negSet = new Set(sample(negEntries, Math.ceil((opts.negatives ?? 400) / FOLDS), (e) => e))
  const candidates: number[] = []
  for (const [e, idx] of byEntry) {
    if (negSet.has(e) || idx.length < 2) continue
    candidates.push(sample(idx.slice(1), 1, (i) => `${fold}:${qs[i]!.text}`)[0]!)
  }
  const positives = sample(candidates, Math.ceil((opts.positives ?? 1500) / FOLDS), (i) => qs[i]!.text)
  const negatives = [...negSet].map((e) => byEntry.get(e)![0]!)
  const out = new Set([...positives, ...[...negSet].flatMap((e) => byEntry.get(e)!)])
  return { positives, negatives, kept: qs.map((_, i) => i).filter((i) => !out.has(i)) }
}

export function sample<T>(xs: T[], n: number, key: (x: T) => string): T[] {
  if (xs.length <= n) return xs
  return [...xs].sort((a, b) => fnv1a(`cal:${key(a)}`) - fnv1a(`cal:${key(b)}`)).slice(0, n)
}
