/**
 * What the local embedder learns from the knowledge base itself: how rare each feature
 * is (IDF over all questions), and which words the similar questions teach to mean the
 * same (co-occurrence across paraphrases of one entry). Stored as one row, so every
 * process embeds identically until the next rebuild.
 */
import { features, type Features } from './features.ts'
import { fnv1a } from './hash.ts'
import { fusionForShape, type FusionWeights } from '../search/fuse.ts'

export const DF_BUCKETS = 1 << 18
const HAN = /\p{Script=Han}/u

export interface LocalModel {
  version: 1
  dims: number
  /** Questions the statistics were learned from. */
  docs: number
  /** Document frequency per hashed feature bucket (hashing keeps the model small at 100k entries). */
  df: Float32Array
  /** word → words the paraphrases show to be interchangeable, with a strength 0..1. */
  related: Record<string, [string, number][]>
  /** Multi-character Chinese terms seen often in the KB, added to the segmenter. */
  terms: string[]
  weights: FamilyWeights
  /** How search fuses this embedder's scores with the keyword side, from the KB's shape. */
  fusion?: FusionWeights
  /** Share of the KB's questions with Chinese characters: which script the KB is written in (search.ts inKbScript). */
  hanShare?: number
}

export interface FamilyWeights {
  w: number
  b: number
  /** Latin character n-grams: typo-tolerant, but weak evidence next to whole words. */
  c: number
  /** Chinese character n-grams: carry most of the signal when segmentation disagrees. */
  h: number
  /** Weight of a learned related word relative to the word itself. */
  related: number
}

export const DEFAULT_WEIGHTS: FamilyWeights = { w: 1, b: 0.6, c: 0.35, h: 1, related: 0.35 }

export function idf(model: LocalModel, term: string): number {
  const df = model.df[fnv1a(term) % DF_BUCKETS] ?? 0
  return Math.log(1 + (model.docs + 1) / (df + 0.5))
}

export interface TrainingQuestion {
  entryId: string
  text: string // normalised
}

export function learnModel(
  qs: TrainingQuestion[],
  opts: { dims?: number; weights?: FamilyWeights; related?: LocalModel['related']; terms?: string[] } = {},
): LocalModel {
  // Rarity is counted over entries, not questions: a word in all ten phrasings of one
  // entry is that entry's signature, while a word spread over many entries tells
  // nothing about which one is meant. (Measured better than question-level IDF.)
  const df = new Float32Array(DF_BUCKETS)
  const perEntry = new Map<string, Set<number>>()
  const questionsOf = new Map<string, number>()
  for (const q of qs) {
    questionsOf.set(q.entryId, (questionsOf.get(q.entryId) ?? 0) + 1)
    let seen = perEntry.get(q.entryId)
    if (!seen) perEntry.set(q.entryId, (seen = new Set()))
    for (const t of features(q.text).keys()) seen.add(fnv1a(t) % DF_BUCKETS)
  }
  for (const seen of perEntry.values()) for (const b of seen) df[b]! += 1
  return {
    version: 1,
    dims: opts.dims ?? 1024,
    docs: perEntry.size,
    df,
    related: opts.related ?? {},
    terms: opts.terms ?? [],
    weights: opts.weights ?? DEFAULT_WEIGHTS,
    fusion: fusionForShape([...questionsOf.values()].filter((n) => n >= 2).length / Math.max(1, questionsOf.size)),
    hanShare: qs.filter((q) => HAN.test(q.text)).length / Math.max(1, qs.length),
  }
}

/** Weighted features: (1 + log tf) · idf · family weight, plus learned related words. */
export function weigh(model: LocalModel, f: Features): Map<string, number> {
  const out = new Map<string, number>()
  const W = model.weights
  for (const [t, tf] of f) {
    const fam = t[0] as 'w' | 'b' | 'c' | 'h'
    out.set(t, (1 + Math.log(tf)) * idf(model, t) * W[fam])
  }
  if (W.related > 0) {
    for (const [t, v] of [...out]) {
      if (t[0] !== 'w') continue
      for (const [r, s] of model.related[t.slice(2)] ?? []) {
        const key = `w:${r}`
        const add = v * s * W.related
        if ((out.get(key) ?? 0) < add) out.set(key, add)
      }
    }
  }
  return out
}
