/**
 * Ranked candidates of recent messages, remembered per serving state: customers ask the
 * same questions in the same words, and the scoring statement is most of a turn's database
 * work. The memory hangs off the ServingState object, which is replaced whenever the KB
 * version moves (re-index, new embedder, new thresholds — on any instance), so a change to
 * the knowledge base is seen by the next search. Entries also start and stop being live by
 * their valid_from / valid_to times without a version change, so a remembered ranking is
 * used for RESULT_TTL_MS at most; the answer itself is read live (turn/answer.ts entryReply).
 */
import type { Candidate } from './search.ts'
import type { ServingState } from './serving-state.ts'

const RESULT_TTL_MS = 10_000
const MAX_RESULTS = 2000

const memory = new WeakMap<ServingState, Map<string, { ranked: Candidate[]; at: number }>>()

export async function rememberedRank(state: ServingState, norm: string, rank: () => Promise<Candidate[]>): Promise<Candidate[]> {
  let m = memory.get(state)
  if (!m) memory.set(state, (m = new Map()))
  const hit = m.get(norm)
  if (hit && performance.now() - hit.at < RESULT_TTL_MS) return hit.ranked
  const ranked = await rank()
  m.delete(norm)
  m.set(norm, { ranked, at: performance.now() })
  if (m.size > MAX_RESULTS) m.delete(m.keys().next().value!)
  return ranked
}
