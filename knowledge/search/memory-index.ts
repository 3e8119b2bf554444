/**
 * An exact, in-memory copy of the search index: the reference the SQL engine must agree
 * with, and the tool calibration uses to hold questions out one at a time (which a
 * database index cannot do cheaply).
 */
import { embedLocal } from '../embed/local.ts'
import type { LocalModel } from '../embed/model.ts'
import { normalise } from '../text/normalise.ts'
import { bm25Ceiling, bm25Idf, bm25Part, keywordTerms } from './keyword.ts'
import { fuse, type Components, type FusionWeights } from './fuse.ts'

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

export interface Exclusion {
  question?: number
  entry?: string
}

export class MemoryIndex {
  readonly vecs: Float32Array[]
  readonly kws: Map<string, number>[]
  readonly lens: number[]
  readonly byEntry = new Map<string, number[]>()
  readonly sums = new Map<string, Float32Array>()
  readonly postings = new Map<string, [number, number][]>()
  readonly avgLen: number

  constructor(
    /** Needed only to embed free text (search); calibration passes stored vectors. */
    readonly model: LocalModel | null,
    readonly questions: MemQuestion[],
    vecs?: Float32Array[],
    /** Trained entry vectors (train-entries.ts); without them the centroid stands in. */
    readonly entryVecs?: Map<string, Float32Array>,
  ) {
    this.vecs = vecs ?? questions.map((q) => embedLocal(model!, normalise(q.text)))
    this.kws = questions.map((q) => keywordTerms(normalise(q.text)))
    this.lens = this.kws.map((k) => [...k.values()].reduce((a, b) => a + b, 0))
    this.avgLen = this.lens.reduce((a, b) => a + b, 0) / Math.max(1, this.lens.length) || 1
    questions.forEach((q, i) => {
      if (!this.byEntry.has(q.entryId)) this.byEntry.set(q.entryId, [])
      this.byEntry.get(q.entryId)!.push(i)
      let s = this.sums.get(q.entryId)
      if (!s) this.sums.set(q.entryId, (s = new Float32Array(this.vecs[i]!.length)))
      const v = this.vecs[i]!
      for (let d = 0; d < s.length; d++) s[d]! += v[d]!
      for (const [t, tf] of this.kws[i]!) {
        if (!this.postings.has(t)) this.postings.set(t, [])
        this.postings.get(t)!.push([i, tf])
      }
    })
  }

  search(text: string, w: FusionWeights, limit = 5, ex: Exclusion = {}): Ranked[] {
    const norm = normalise(text)
    if (!norm || !this.model) return []
    return this.searchVector(embedLocal(this.model, norm), keywordTerms(norm), w, limit, ex)
  }

  searchVector(x: Float32Array, kw: Map<string, number>, w: FusionWeights, limit: number, ex: Exclusion): Ranked[] {
    const skip = (i: number) => i === ex.question || this.questions[i]!.entryId === ex.entry
    const best = new Map<string, { q: number; qi: number; kw: number }>()
    const at = (e: string) => best.get(e) ?? (best.set(e, { q: 0, qi: -1, kw: 0 }), best.get(e)!)
    this.vecs.forEach((v, i) => {
      if (skip(i)) return
      const c = dot(x, v)
      const b = at(this.questions[i]!.entryId)
      if (c > b.q || b.qi < 0) Object.assign(b, { q: c, qi: i })
    })
    const kwScores = this.bm25(kw, skip)
    for (const [i, s] of kwScores) {
      const b = at(this.questions[i]!.entryId)
      b.kw = Math.max(b.kw, s)
    }
    const out: Ranked[] = []
    for (const [entryId, b] of best) {
      const c: Components = { question: Math.max(0, b.q), entry: Math.max(0, this.centroidCos(x, entryId, ex)), keyword: b.kw }
      out.push({ entryId, score: fuse(c, w), matchedQuestion: this.questions[b.qi]?.text ?? '', components: c })
    }
    return out.sort((a, b) => b.score - a.score).slice(0, limit)
  }

  private bm25(kw: Map<string, number>, skip: (i: number) => boolean): Map<number, number> {
    const scores = new Map<number, number>()
    const n = this.questions.length
    const idfs: number[] = []
    for (const t of kw.keys()) {
      const p = this.postings.get(t)
      const idf = bm25Idf(n, p?.length ?? 0)
      idfs.push(idf)
      for (const [i, tf] of p ?? []) {
        if (skip(i)) continue
        scores.set(i, (scores.get(i) ?? 0) + bm25Part(idf, tf, this.lens[i]!, this.avgLen))
      }
    }
    const ceiling = bm25Ceiling(idfs)
    for (const [i, s] of scores) scores.set(i, s / ceiling)
    return scores
  }

  // Centroid of the entry's questions, minus a held-out one: exact leave-one-out.
  private centroidCos(x: Float32Array, entryId: string, ex: Exclusion): number {
    const sum = this.sums.get(entryId)!
    const trained = this.entryVecs?.get(entryId)
    if (trained && ex.question === undefined) return dot(x, trained)
    const held = ex.question !== undefined && this.questions[ex.question]?.entryId === entryId ? this.vecs[ex.question]! : null
    let num = 0
    let n2 = 0
    for (let d = 0; d < sum.length; d++) {
      const s = held ? sum[d]! - held[d]! : sum[d]!
      num += x[d]! * s
      n2 += s * s
    }
    return n2 > 0 ? num / Math.sqrt(n2) : 0
  }
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!
  return s
}
