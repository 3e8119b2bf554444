/**
 * Labelled examples the knowledge base gives for free, for calibration:
 *  - each similar question, held out of the index, should find its own entry
 *    (positive: answering right is possible);
 *  - an entry held out whole, queried with its standard question, has no right answer
 *    in what remains (negative: any direct answer is wrong) — the stand-in for questions
 *    the knowledge base does not cover.
 * Samples are chosen by hash, so calibration is deterministic.
 */
import { fnv1a } from '../embed/hash.ts'
import type { FusionWeights } from '../search/fuse.ts'
import type { MemoryIndex } from '../search/memory-index.ts'

export interface Example {
  /** Fused scores of the top candidates, best first. */
  scores: number[]
  /** Rank of the right entry among them (0 = top), -1 when absent or there is none. */
  goldRank: number
  negative: boolean
}

export function heldOutExamples(idx: MemoryIndex, w: FusionWeights, opts: { positives?: number; negatives?: number } = {}): Example[] {
  const maxPos = opts.positives ?? 1500
  const maxNeg = opts.negatives ?? 400
  const out: Example[] = []
  const multi = [...idx.byEntry].filter(([, qs]) => qs.length >= 2).flatMap(([, qs]) => qs)
  for (const i of sample(multi, maxPos, (i) => idx.questions[i]!.text)) {
    const r = idx.searchVector(idx.vecs[i]!, idx.kws[i]!, w, 5, { question: i })
    const gold = idx.questions[i]!.entryId
    out.push({ scores: r.map((x) => x.score), goldRank: r.findIndex((x) => x.entryId === gold), negative: false })
  }
  const entries = [...idx.byEntry.keys()]
  for (const e of sample(entries, maxNeg, (e) => e)) {
    const i = idx.byEntry.get(e)![0]!
    const r = idx.searchVector(idx.vecs[i]!, idx.kws[i]!, w, 5, { entry: e })
    out.push({ scores: r.map((x) => x.score), goldRank: -1, negative: true })
  }
  return out
}

function sample<T>(xs: T[], n: number, key: (x: T) => string): T[] {
  if (xs.length <= n) return xs
  return [...xs].sort((a, b) => fnv1a('cal:' + key(a)) - fnv1a('cal:' + key(b))).slice(0, n)
}
