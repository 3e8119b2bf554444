/**
 * Ranked candidates of recent messages, remembered per serving state: customers ask the
 * same questions in the same words, and the scoring statement is most of a turn's database
 * work. The memory hangs off the ServingState object, which is replaced whenever the KB
 * version moves (re-index, new embedder, new thresholds — on any instance) and when an
 * entry's valid_from / valid_to passes (serving-state.ts freshUntil), so a change to the
 * knowledge base is seen by the next search. No time limit beyond that: one, expiring every
 * few seconds, made every busy wording miss at once and stalled the turns behind them. The
 * answer is remembered the same way (live-answer.ts).
 */
import type { Candidate } from './search.ts'
import type { ServingState } from './serving-state.ts'

const MAX_RESULTS = 2000

const memory = new WeakMap<ServingState, Map<string, Promise<Candidate[]>>>()

export async function rememberedRank(state: ServingState, norm: string, rank: () => Promise<Candidate[]>): Promise<Candidate[]> {
  let m = memory.get(state)
  if (!m) memory.set(state, (m = new Map()))
  const hit = m.get(norm)
  if (hit) {
    // Least recently used goes first: a hit moves to the end.
    m.delete(norm)
    m.set(norm, hit)
    return hit
  }
  // The promise is remembered, not its result: customers asking the same thing at the same
  // moment share one ranking instead of each running the model and the scoring statement.
  const ranked = rank()
  m.set(norm, ranked)
  if (m.size > MAX_RESULTS) m.delete(m.keys().next().value!)
  ranked.catch(() => m.get(norm) === ranked && m.delete(norm))
  return ranked
}
