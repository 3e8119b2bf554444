/**
 * An exact, in-memory copy of the search index: the reference the SQL engine must agree
 * with, and the tool calibration scores its held-out examples with (an index built from
 * the questions that stay, which a database index cannot give cheaply).
 */
import { embedLocal } from '../embed/local.ts'
import type { LocalModel } from '../embed/model.ts'
import { normalise } from '../text/normalise.ts'
import { bm25Ceiling, bm25Idf, bm25Part, keywordTerms } from './keyword.ts'
import { fuse, withoutDense, type Components, type FusionWeights } from './fuse.ts'

export interface MemQuestion {
  entryId: string
  text: string
}

export interface Ranked {
  entryId: string
  score: number
  matchedQuestion: string
  components: Components
}

/** The pretrained embedder's vectors, when the index has them: per question (same order) and per entry. */
export interface DenseSide {
  vecs: Float32Array[]
  entryVecs: Map<string, Float32Array>
  /** Each entry's hubness as stored (hubness.ts); absent: none. */
  hubs?: Map<string, number>
}

export class MemoryIndex {
  /** Keyword side, per entry as one document: term → [entry, tf summed over its questions]. */
  readonly postings = new Map<string, Map<string, number>>()
  readonly entryLens = new Map<string, number>()
  readonly avgEntryLen: number

  constructor(
    /** Needed only to embed free text (search); calibration searches by stored vectors. */
    readonly model: LocalModel | null,
    readonly questions: MemQuestion[],
    /** The questions' stored vectors, in the same order. */
    readonly vecs: Float32Array[],
    /** Entry vectors as serving stores them: trained (train-entries.ts) or centroids (write-vectors.ts). */
    readonly entryVecs: Map<string, Float32Array>,
    readonly dense: DenseSide | null = null,
  ) {
    for (const q of questions) {
      let len = this.entryLens.get(q.entryId) ?? 0
      for (const [t, tf] of keywordTerms(normalise(q.text))) {
        const p = this.postings.get(t) ?? this.postings.set(t, new Map()).get(t)!
        p.set(q.entryId, (p.get(q.entryId) ?? 0) + tf)
        len += tf
      }
      this.entryLens.set(q.entryId, len)
    }
    let total = 0
    for (const l of this.entryLens.values()) total += l
    this.avgEntryLen = total / Math.max(1, this.entryLens.size) || 1
  }

  /** `dx`: the text's pretrained-model vector (embedding it is async, so the caller brings it). */
  search(text: string, w: FusionWeights, limit = 5, dx?: Float32Array): Ranked[] {
    const norm = normalise(text)
    if (!norm || !this.model) return []
    return this.searchVector(embedLocal(this.model, norm), keywordTerms(norm), w, limit, dx)
  }

  searchVector(x: Float32Array, kw: Map<string, number>, w: FusionWeights, limit: number, dx?: Float32Array): Ranked[] {
    const best = new Map<string, { q: number; qi: number; d: number }>()
    const dense = dx && this.dense ? this.dense : null
    this.vecs.forEach((v, i) => {
      const c = dot(x, v)
      const d = dense ? dot(dx!, dense.vecs[i]!) : 0
      const e = this.questions[i]!.entryId
      const b = best.get(e)
      if (!b) best.set(e, { q: c, qi: i, d })
      else {
        if (c > b.q) Object.assign(b, { q: c, qi: i })
        if (d > b.d) b.d = d
      }
    })
    const kwScores = this.bm25(kw)
    const ww = dense ? w : withoutDense(w)
    const out: Ranked[] = []
    for (const [entryId, b] of best) {
      const ev = this.entryVecs.get(entryId)
      const dev = dense?.entryVecs.get(entryId)
      const c: Components = {
        question: Math.max(0, b.q),
        entry: ev ? Math.max(0, dot(x, ev)) : 0,
        keyword: kwScores.get(entryId) ?? 0,
        dense: Math.max(0, b.d),
        denseEntry: dev ? Math.max(0, dot(dx!, dev)) : 0,
        hub: dense?.hubs?.get(entryId) ?? 0,
      }
      out.push({ entryId, score: fuse(c, ww), matchedQuestion: this.questions[b.qi]!.text, components: c })
    }
    return out.sort((a, b) => b.score - a.score).slice(0, limit)
  }

  // BM25 of each entry as one document, divided by the query's ceiling (search-sql.ts does the same).
  private bm25(kw: Map<string, number>): Map<string, number> {
    const scores = new Map<string, number>()
    const n = this.entryLens.size
    const idfs: number[] = []
    for (const t of kw.keys()) {
      const p = this.postings.get(t)
      const idf = bm25Idf(n, p?.size ?? 0)
      idfs.push(idf)
      for (const [e, tf] of p ?? []) scores.set(e, (scores.get(e) ?? 0) + bm25Part(idf, tf, this.entryLens.get(e)!, this.avgEntryLen))
    }
    const ceiling = bm25Ceiling(idfs)
    for (const [e, s] of scores) scores.set(e, s / ceiling)
    return scores
  }
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!
  return s
}
