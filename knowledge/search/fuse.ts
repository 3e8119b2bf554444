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

export function fuse(c: Components, w: FusionWeights = DEFAULT_FUSION): number {
  const total = w.question + w.entry + w.keyword || 1
  return (w.question * c.question + w.entry * c.entry + w.keyword * c.keyword) / total
}
