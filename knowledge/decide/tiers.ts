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

/** What the top candidate rests on beyond its fused score (search.ts fills it in). */
export interface Evidence {
  /** The message is, after normalising, exactly one of the admin's own questions: the top entry's. */
  exactQuestion?: boolean
  /** The top entry's hashed-vector cosine when the pretrained model is in the fusion; null or absent without it. */
  lexical?: number | null
  /** Of the fused components (question, entry, keyword, dense, dense entry), how many rank the top entry first. */
  agreement?: number
  /** The message is written in the knowledge base's own script (Han for a Chinese KB, else Latin). */
  kbScript?: boolean
  /** Whole words in the message (terms of two or more characters, not character pairs): 「坏了」 has none. */
  words?: number
}

/**
 * The pretrained model alone never answers. Its cosine gives every message some likeness to
 * something — 「洗碗机的滤网多久清洗一次」 sits at 0.61 from 「保修期多久」 — and it separates
 * covered from uncovered messages poorly, so a direct answer must also share words with the
 * message: the hashed embedder's cosine of the top entry at least this. Chosen on the journey
 * set's tune split: right answers above the calibrated bar had ≥ 0.17, out-of-scope messages
 * stayed under 0.12. Below it the entry is still offered first ("您是不是想问…").
 */
export const MIN_LEXICAL = 0.15

/**
 * A second way to answer, beside the calibrated bar: every one of the five components (the
 * hashed vector's closest question and entry vector, the entry's keywords, the pretrained
 * model's closest question and centroid — different kinds of evidence) ranks the top entry
 * first, it leads by MIN_MARGIN, shares words with the message (MIN_LEXICAL), and the message
 * is in the KB's script. Chosen on real messages (tune splits), not on held-out similar
 * questions: on a KB of 3–4 questions per entry a held-out one has lost the very phrasing that
 * would decide it (there this rule looks 0.82 precise, while every journey message it answered
 * was right). Tune splits: journey 27 of 49 answerable answered, all right (calibrated bar
 * alone: 20); banking77 481 answered at 0.963 precision (464 at 0.961); clinc150 827 at 0.953
 * (732 at 0.966; out-of-scope answered 12 of 294, was 3). Four of five lost clinc150's
 * precision (0.946). English on the Chinese journey KB is why the script must match: its
 * English messages agree on the KB's few English entries whatever they ask. A message with no
 * whole word (「坏了」: one character of content and a particle) is too vague to answer on
 * agreement: which broken thing? The demo tour asks back there.
 * Only where calibration found that answering is possible at all (a bar ≤ 1), and only with
 * the pretrained model in the fusion (without it there are three components, not measured).
 */
export const UNANIMOUS = 5

function agreed(scores: number[], clarify: number, ev: Evidence): boolean {
  const [s1 = 0, s2 = 0] = scores
  return (
    scores.length >= 2 &&
    ev.lexical != null &&
    ev.lexical >= MIN_LEXICAL &&
    (ev.agreement ?? 0) >= UNANIMOUS &&
    ev.kbScript === true &&
    (ev.words ?? 0) >= 1 &&
    s1 - s2 >= MIN_MARGIN &&
    s1 >= clarify
  )
}

export function decide(scores: number[], t: Thresholds, ev: Evidence = {}): Decision {
  const s1 = scores[0]
  if (s1 === undefined || !Number.isFinite(s1)) return 'fallback'
  const s2 = scores[1] ?? 0
  const { answer, margin, clarify } = effective(t)
  const byHand = t.source === 'override'
  // The customer typed one of the admin's own questions: that is its curated answer (口径一致).
  if (ev.exactQuestion && !byHand) return 'answer'
  if (s1 >= answer && s1 - s2 >= margin) return !byHand && ev.lexical != null && ev.lexical < MIN_LEXICAL ? 'clarify' : 'answer'
  if (!byHand && t.answer <= 1 && agreed(scores, clarify, ev)) return 'answer'
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
