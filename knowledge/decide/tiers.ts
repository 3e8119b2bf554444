/**
 * The three outcomes for one message. Confidence is the fused score of the best entry
 * AND its lead over the runner-up: two near-identical entries are a question to ask
 * back ("您是不是想问…"), not an answer to give.
 */
export type Decision = 'answer' | 'clarify' | 'fallback'

export interface Thresholds {
  /** Answer directly when the top score reaches this … */
  answer: number
  /** … and leads the second entry by at least this. */
  margin: number
  /** Offer choices when the top score reaches this (and it is not an answer). */
  clarify: number
  /** Where the numbers came from. */
  source: 'calibrated' | 'override' | 'default'
}

/** Used only before the first calibration: deliberately shy of answering. */
export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.8, margin: 0.1, clarify: 0.4, source: 'default' }

export const MAX_CLARIFY = 5

/**
 * Guardrails under any calibration. A small knowledge base gives calibration few examples,
 * and it can then learn "no margin" or a clarify bar so low that noise (hash collisions of
 * gibberish) earns a "did you mean". Two entries within MIN_MARGIN of each other are always
 * a question to ask back; below MIN_CLARIFY there is not enough evidence to offer options,
 * nor to answer (so a learned answer bar under it is raised to it, and clarify never
 * exceeds answer). An admin's override is taken as given.
 */
export const MIN_MARGIN = 0.05
export const MIN_CLARIFY = 0.09

export function decide(scores: number[], t: Thresholds): Decision {
  const s1 = scores[0]
  if (s1 === undefined || !Number.isFinite(s1)) return 'fallback'
  const s2 = scores[1] ?? 0
  const { answer, margin, clarify } = effective(t)
  if (s1 >= answer && s1 - s2 >= margin) return 'answer'
  if (s1 >= clarify) return 'clarify'
  return 'fallback'
}

/** How many candidates to show for a decision. */
export function shown(decision: Decision, scores: number[], t: Thresholds): number {
  if (decision === 'answer') return 1
  if (decision === 'fallback') return 0
  return Math.min(MAX_CLARIFY, scores.filter((s) => s >= effective(t).clarify).length)
}

export function effective(t: Thresholds): Pick<Thresholds, 'answer' | 'margin' | 'clarify'> {
  if (t.source === 'override') return { answer: t.answer, margin: t.margin, clarify: t.clarify }
  return { answer: Math.max(t.answer, MIN_CLARIFY), margin: Math.max(t.margin, MIN_MARGIN), clarify: Math.max(t.clarify, MIN_CLARIFY) }
}
