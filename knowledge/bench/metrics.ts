/** Retrieval and decision figures for one system over one query set. */
export interface Outcome {
  gold: string | null
  ranked: string[]
  /** Did the system answer directly (undefined: it has no such notion). */
  answered?: boolean
  /** The options of the "您是不是想问…" menu when the system showed one (empty: no menu). */
  offered?: string[]
  ms: number
}

export interface Figures {
  hit1: number
  hit5: number
  mrr: number
  answerRate: number | null
  answerPrecision: number | null
  rejectRate: number | null
  /** Share of queries shown a menu, and of answerable ones whose menu held the right entry. */
  menuRate: number | null
  menuRight: number | null
  p50Ms: number
  p99Ms: number
  counts: { queries: number; answerable: number; unanswerable: number; answered: number | null }
}

export function figures(out: Outcome[]): Figures {
  const answerable = out.filter((o) => o.gold !== null)
  const unanswerable = out.filter((o) => o.gold === null)
  const rankOf = (o: Outcome) => o.ranked.indexOf(o.gold!)
  const hasDecision = out.length > 0 && out.every((o) => o.answered !== undefined)
  const answered = out.filter((o) => o.answered)
  const right = answered.filter((o) => o.gold !== null && o.ranked[0] === o.gold)
  const ms = out.map((o) => o.ms).sort((a, b) => a - b)
  const share = (n: number, d: number) => (d > 0 ? n / d : 0)
  return {
    hit1: share(answerable.filter((o) => rankOf(o) === 0).length, answerable.length),
    hit5: share(answerable.filter((o) => rankOf(o) >= 0 && rankOf(o) < 5).length, answerable.length),
    mrr: share(
      answerable.reduce((s, o) => s + (rankOf(o) >= 0 ? 1 / (rankOf(o) + 1) : 0), 0),
      answerable.length,
    ),
    answerRate: hasDecision ? share(answered.length, out.length) : null,
    answerPrecision: hasDecision ? (answered.length ? right.length / answered.length : null) : null,
    rejectRate: hasDecision ? share(unanswerable.filter((o) => !o.answered).length, unanswerable.length) : null,
    menuRate: hasDecision ? share(out.filter((o) => o.offered?.length).length, out.length) : null,
    menuRight: hasDecision ? share(answerable.filter((o) => o.offered?.includes(o.gold!)).length, answerable.length) : null,
    p50Ms: pct(ms, 0.5),
    p99Ms: pct(ms, 0.99),
    counts: { queries: out.length, answerable: answerable.length, unanswerable: unanswerable.length, answered: hasDecision ? answered.length : null },
  }
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}
