/**
 * Fusion of the retrieval components into one score per entry. Each component is
 * already on a 0..1 scale (cosines and ceiling-normalised BM25), so a weighted sum
 * keeps absolute meaning — needed for thresholds — where rank fusion would not.
 */
export interface Components {
  /** Best cosine between the query and one of the entry's questions. */
  question: number
  /** Cosine between the query and the entry's centroid (all its questions together). */
  entry: number
  /** BM25 of the best-matching question, divided by the query's ceiling. */
  keyword: number
}

export interface FusionWeights {
  question: number
  entry: number
  keyword: number
}

export const DEFAULT_FUSION: FusionWeights = { question: 0.1, entry: 0.5, keyword: 0.4 }

/**
 * Weights for a knowledge base of this shape, where `paraphraseShare` is the share of
 * entries with at least two questions. Paraphrases are what make the vector side good:
 * they train the entry vectors (train-entries.ts) and teach its weights. Where entries
 * are single questions, the vector side is one more lexical match, noisier than BM25
 * (measured on the tune split of bq-dev and afqmc-dev: keyword-led fusion 0.15 / 0.14
 * hit@1 against 0.13 / 0.13 with the default weights), so the keyword side leads.
 */
export function fusionForShape(paraphraseShare: number): FusionWeights {
  const p = Math.min(1, Math.max(0, paraphraseShare))
  return { question: 0.05 + 0.05 * p, entry: 0.5 * p, keyword: 0.95 - 0.55 * p }
}

/** The weights search and calibration use: the local model's own (from its KB's shape), else the default. */
export const fusionOf = (model: { fusion?: FusionWeights } | null | undefined): FusionWeights => model?.fusion ?? DEFAULT_FUSION

export function fuse(c: Components, w: FusionWeights = DEFAULT_FUSION): number {
  const total = w.question + w.entry + w.keyword || 1
  return (w.question * c.question + w.entry * c.entry + w.keyword * c.keyword) / total
}
