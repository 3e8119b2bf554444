/** What a set of thresholds would do to the calibration examples: how much is answered, and how well. */
import type { Example } from '../../../knowledge/decide/examples.ts'
import { decide, type Thresholds } from '../../../knowledge/decide/tiers.ts'

export interface Outcome {
  /** Share of all examples answered directly. */
  answered: number
  /** Of those answered, the share answered with the right entry. */
  precision: number | null
  clarified: number
  fellBack: number
  /** Share of the "not in the knowledge base" examples that still got a (necessarily wrong) answer. */
  wrongUncovered: number | null
}

export function outcome(examples: Example[], t: Pick<Thresholds, 'answer' | 'margin' | 'clarify'>): Outcome {
  const th: Thresholds = { ...t, source: 'override' }
  let answered = 0,
    right = 0,
    clarified = 0,
    negatives = 0,
    negAnswered = 0
  for (const e of examples) {
    const d = decide(e.scores, th)
    if (e.negative) negatives++
    if (d === 'answer') {
      answered++
      if (!e.negative && e.goldRank === 0) right++
      if (e.negative) negAnswered++
    } else if (d === 'clarify') clarified++
  }
  const n = Math.max(1, examples.length)
  return {
    answered: answered / n,
    precision: answered ? right / answered : null,
    clarified: clarified / n,
    fellBack: (examples.length - answered - clarified) / n,
    wrongUncovered: negatives ? negAnswered / negatives : null,
  }
}
