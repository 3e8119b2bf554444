/**
 * Fusion of the retrieval components into one score per entry. Each component is
 * already on a 0..1 scale (cosines and ceiling-normalised BM25), so a weighted sum
 * keeps absolute meaning — needed for thresholds — where rank fusion would not.
 */
export interface Components {
  /** Best cosine between the query and one of the entry's questions (primary embedder). */
  question: number
  /** Cosine between the query and the entry's (trained) vector (primary embedder). */
  entry: number
  /** Entry-level BM25 of the query, divided by the query's ceiling. */
  keyword: number
  /** Best cosine between the query and one of the entry's questions under the pretrained model (0 without it). */
  dense?: number
  /** Cosine between the query and the centroid of the entry's questions under the pretrained model. */
  denseEntry?: number
  /** The entry's hubness under the pretrained model (hubness.ts): its mean cosine to its nearest other entries. */
  hub?: number
}

export interface FusionWeights {
  question: number
  entry: number
  keyword: number
  dense?: number
  denseEntry?: number
  /** Share of the entry's hubness taken off each pretrained cosine (0: none). */
  hub?: number
}

export const DEFAULT_FUSION: FusionWeights = { question: 0.1, entry: 0.5, keyword: 0.4, dense: 1, denseEntry: 1 }

/**
 * Weights for a knowledge base of this shape, where `paraphraseShare` is the share of
 * entries with at least two questions. Paraphrases are what make the lexical vector side
 * good: they train the entry vectors (train-entries.ts) and teach its weights. Where
 * entries are single questions, the lexical vector side is one more lexical match,
 * noisier than BM25 (measured on the tune split of bq-dev and afqmc-dev: keyword-led
 * fusion 0.15 / 0.14 hit@1 against 0.13 / 0.13 with the default weights), so the keyword
 * side leads — and the pretrained model, which needs no paraphrases to know that 额度 and
 * 提额 are one thing, weighs more. Tune split, in-memory reference (the three lexical
 * weights sum to 1): the pretrained pair at 1 + 2·(1 − share) each gave hit@1 afqmc-dev
 * 0.162 → 0.265, bq-dev 0.169 → 0.250, banking77 0.781 → 0.801, clinc150 0.812 → 0.838;
 * alone it gave 0.263 / 0.241 / 0.664 / 0.704.
 */
export function fusionForShape(paraphraseShare: number): FusionWeights {
  const p = Math.min(1, Math.max(0, paraphraseShare))
  const d = 1 + 2 * (1 - p)
  return { question: 0.05 + 0.05 * p, entry: 0.5 * p, keyword: 0.95 - 0.55 * p, dense: d, denseEntry: d, hub: p < SINGLE_QUESTIONS ? HUB_SHARE : 0 }
}

/**
 * Where entries are single questions, the pretrained cosines are taken down by half the
 * entry's hubness (hubness.ts). Tune splits, the fusion with the pretrained model: afqmc-dev
 * (no paraphrases) hit@1 0.260 → 0.293 (0.25: 0.282, 0.75: 0.299; the model alone 0.260 →
 * 0.293 too); where entries have paraphrases it costs: bq-dev (a quarter have them) 0.264 →
 * 0.234, banking77 and clinc150 lose up to 0.01 with the model alone. Held-out similar questions
 * of bq-dev, banking77 and clinc150 say the same (best without it), so only single-question KBs
 * get it.
 */
export const HUB_SHARE = 0.5
const SINGLE_QUESTIONS = 0.05

/** The weights search and calibration use: the local model's own (from its KB's shape), else the default. */
export const fusionOf = (model: { fusion?: FusionWeights } | null | undefined): FusionWeights => model?.fusion ?? DEFAULT_FUSION

/** The same weights without the pretrained model's share, for an index that has no such vectors. */
export const withoutDense = (w: FusionWeights): FusionWeights => ({ ...w, dense: 0, denseEntry: 0, hub: 0 })

export function fuse(c: Components, w: FusionWeights = DEFAULT_FUSION): number {
  const wd = w.dense ?? 0
  const wde = w.denseEntry ?? 0
  const total = w.question + w.entry + w.keyword + wd + wde || 1
  const h = (w.hub ?? 0) * (c.hub ?? 0)
  return (w.question * c.question + w.entry * c.entry + w.keyword * c.keyword + wd * ((c.dense ?? 0) - h) + wde * ((c.denseEntry ?? 0) - h)) / total
}
