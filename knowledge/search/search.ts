/**
 * search(db, text): the ranked entries for a customer message, each with its score and
 * the reason (which question matched, each component's score), and the decision —
 * answer, clarify or fallback. Bad input of any kind ends in 'fallback', never a throw
 * from here about the text itself.
 * Per search: one version read (serving-state.ts) and one scoring statement.
 */
import type { Db } from '../../bot/db/client.ts'
import type { EmbedderSecrets } from '../embed/registry.ts'
import { toPgVector } from '../embed/vector-sql.ts'
import { sketch } from '../embed/sketch.ts'
import { decide, shown, type Decision, type Thresholds } from '../decide/tiers.ts'
import { normalise } from '../text/normalise.ts'
import { fuse, fusionOf, withoutDense, type Components, type FusionWeights } from './fuse.ts'
import { keywordTerms } from './keyword.ts'
import { scoreCandidates } from './search-sql.ts'
import { rememberedRank } from './recent-results.ts'
import { servingState, type ServingState } from './serving-state.ts'

export interface Candidate {
  entryId: string
  /** The entry's standard question (what a clarify option shows). */
  question: string
  score: number
  /** Each component's score; dense / denseEntry are null without the pretrained model. */
  reason: { matchedQuestion: string; vector: number; entry: number; keyword: number; dense: number | null; denseEntry: number | null }
}

export interface SearchResult {
  decision: Decision
  candidates: Candidate[]
  thresholds: Thresholds
}

export interface SearchOptions {
  limit?: number
  /** Return this many candidates whatever the decision (the model judges more than a clarify shows). */
  candidates?: number
  fusion?: FusionWeights
  secrets?: EmbedderSecrets
}

/** Long messages keep only their rarest terms: latency stays flat, meaning barely moves. */
const MAX_TERMS = 32

export async function search(db: Db, text: string, opts: SearchOptions = {}): Promise<SearchResult> {
  const state = await servingState(db, opts.secrets)
  const norm = normalise(text)
  // Remembered only with the engine's own fusion (experiments pass their own weights).
  const ranked = opts.fusion ? await rankWith(db, state, norm, opts) : await rememberedRank(state, norm, () => rankWith(db, state, norm, opts))
  const scores = ranked.map((c) => c.score)
  const top = ranked[0]
  const exactQuestion =
    !!top && normalise(top.reason.matchedQuestion) === norm && ranked.filter((c) => normalise(c.reason.matchedQuestion) === norm).length === 1
  const decision = decide(scores, state.thresholds, {
    exactQuestion,
    lexical: top && state.dense ? top.reason.vector : null,
    agreement: agreement(ranked),
    kbScript: inKbScript(norm, state.active?.model?.hanShare),
    words: wordsIn(norm),
  })
  const n = opts.candidates ?? (decision === 'clarify' ? shown(decision, scores, state.thresholds) : (opts.limit ?? 5))
  return { decision, candidates: ranked.slice(0, n), thresholds: state.thresholds }
}

const COMPONENTS = ['vector', 'entry', 'keyword', 'dense', 'denseEntry'] as const

/** How many components rank the top candidate first (a tie with it counts); components a search lacks count for nothing. */
export function agreement(ranked: Candidate[]): number {
  const top = ranked[0]
  if (!top) return 0
  return COMPONENTS.filter((k) => {
    const own = top.reason[k]
    return own != null && ranked.every((c) => (c.reason[k] ?? 0) <= own)
  }).length
}

const HAN = /\p{Script=Han}/u

/** Whole words among the message's keyword terms: two or more characters, not a character pair (those start with ~). */
export function wordsIn(norm: string): number {
  return [...keywordTerms(norm).keys()].filter((t) => !t.startsWith('~') && [...t].length >= 2).length
}

/** Whether a message is in the KB's script: Han in it for a mostly-Chinese KB, none for the rest. Unknown share (an index built before it was kept): no. */
export function inKbScript(norm: string, hanShare: number | undefined): boolean {
  if (hanShare === undefined) return false
  return HAN.test(norm) === hanShare >= 0.5
}

export async function rank(db: Db, text: string, opts: SearchOptions = {}): Promise<Candidate[]> {
  return rankWith(db, await servingState(db, opts.secrets), normalise(text), opts)
}

/** `norm`: the message already normalised (normalise() once per search). */
async function rankWith(db: Db, state: ServingState, norm: string, opts: SearchOptions): Promise<Candidate[]> {
  if (!norm || !state.active) return []
  const { embedder, id } = state.active
  const dense = state.dense
  const [[vec], dvec] = await Promise.all([embedder.embed([norm]), dense ? dense.embedder.embed([norm]) : Promise.resolve(null)])
  const terms = [...keywordTerms(norm).keys()]
  const rows = await scoreCandidates(db, {
    embedderId: id,
    dims: embedder.dims,
    vec: toPgVector(vec!),
    sketch: toPgVector(sketch(vec!)),
    terms,
    maxTerms: MAX_TERMS,
    docs: state.docs,
    entries: state.entries,
    avgEntryLen: state.avgEntryLen,
    dense: dense && dvec ? { embedderId: dense.id, dims: dense.embedder.dims, vec: toPgVector(dvec[0]!) } : null,
  })
  const byEntry = new Map<string, { question: string; matched: string; c: Components }>()
  for (const r of rows) {
    const kw = Number(r.kw) / (Number(r.ceiling) || 1)
    const ds = r.dsim === null ? 0 : Math.max(0, Number(r.dsim))
    const b = byEntry.get(r.entry_id)
    if (!b) {
      const c = {
        question: r.qsim,
        entry: Math.max(0, r.esim),
        keyword: kw,
        dense: ds,
        denseEntry: r.desim === null ? 0 : Math.max(0, Number(r.desim)),
        hub: r.dhub === null ? 0 : Number(r.dhub),
      }
      byEntry.set(r.entry_id, { question: r.question, matched: r.matched, c })
    } else {
      if (r.qsim > b.c.question) Object.assign(b, { matched: r.matched, c: { ...b.c, question: r.qsim } })
      b.c.keyword = Math.max(b.c.keyword, kw)
      b.c.dense = Math.max(b.c.dense!, ds)
    }
  }
  const own = opts.fusion ?? fusionOf(state.active.model)
  const w = dense ? own : withoutDense(own)
  return [...byEntry]
    .map(([entryId, b]) => ({
      entryId,
      question: b.question,
      score: fuse({ ...b.c, question: Math.max(0, b.c.question) }, w),
      reason: {
        matchedQuestion: b.matched,
        vector: b.c.question,
        entry: b.c.entry,
        keyword: b.c.keyword,
        dense: dense ? b.c.dense! : null,
        denseEntry: dense ? b.c.denseEntry! : null,
      },
    }))
    .sort((a, b) => b.score - a.score || (a.entryId < b.entryId ? -1 : 1))
}
