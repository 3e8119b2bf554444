/**
 * Entry vectors that are a small linear classifier: start from each entry's centroid,
 * then a few epochs of softmax regression over the entry's own questions push each
 * vector toward what tells it apart from its neighbours. Stored in pgvector, a
 * nearest-entry search by inner product IS the classifier (score = w_entry · x).
 * Entries with one question keep their centroid: there is nothing to learn from.
 */
import { l2normalise } from './local.ts'

export interface TrainOptions {
  epochs?: number
  rate?: number
  /**
   * Softmax temperature on cosine scores (cosines are small; sharpen them). 10, not 20:
   * a softer target over-fits ten phrasings less (tune split hit@1, banking77 / clinc150,
   * 2000 dims: 0.762 / 0.809 at 20, 0.768 / 0.811 at 10).
   */
  scale?: number
  /** Stop early past this many example·entry updates, so a 100k-entry KB stays quick. */
  budget?: number
}

export function trainEntryVectors(
  entryIds: string[],
  centroids: Float32Array[],
  examples: { entry: number; vec: Float32Array }[],
  opts: TrainOptions = {},
): Float32Array[] {
  const { epochs = 8, rate = 0.5, scale = 10, budget = 5e8 } = opts
  const E = entryIds.length
  const W = centroids.map((c) => Float32Array.from(c))
  const multi = countPerEntry(examples, E)
  const train = examples.filter((x) => multi[x.entry]! >= 2)
  if (train.length === 0) return W
  let spent = 0
  const scores = new Float64Array(E)
  for (let ep = 0; ep < epochs && spent < budget; ep++) {
    const lr = rate / (1 + ep)
    for (const k of order(train.length, ep)) {
      if (spent >= budget) break
      const { entry, vec } = train[k]!
      const nz = nonZero(vec)
      let max = -Infinity
      for (let e = 0; e < E; e++) {
        let s = 0
        for (const d of nz) s += W[e]![d]! * vec[d]!
        scores[e] = s * scale
        if (scores[e]! > max) max = scores[e]!
      }
      let z = 0
      for (let e = 0; e < E; e++) z += scores[e] = Math.exp(scores[e]! - max)
      for (let e = 0; e < E; e++) {
        const g = scores[e]! / z - (e === entry ? 1 : 0)
        if (Math.abs(g) < 1e-4) continue
        const row = W[e]!
        for (const d of nz) row[d]! -= lr * g * vec[d]!
      }
      spent += E * nz.length
    }
  }
  return W.map((w) => l2normalise(w))
}

function countPerEntry(examples: { entry: number }[], E: number): Int32Array {
  const n = new Int32Array(E)
  for (const x of examples) n[x.entry]!++
  return n
}

function nonZero(v: Float32Array): number[] {
  const out: number[] = []
  for (let i = 0; i < v.length; i++) if (v[i] !== 0) out.push(i)
  return out
}

// A fixed pseudo-random order per epoch: training is deterministic run to run.
function order(n: number, seed: number): number[] {
  const a = Array.from({ length: n }, (_, i) => i)
  let s = (seed + 1) * 2654435761
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0
    const j = s % (i + 1)
    ;[a[i], a[j]] = [a[j]!, a[i]!]
  }
  return a
}
