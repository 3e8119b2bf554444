/** A plain-text table of bench figures, one row per system. */
import type { RetrievalBenchResult } from './retrieval.ts'

const f3 = (x: number | null) => (x === null ? '—' : x.toFixed(3))

export function formatTable(r: RetrievalBenchResult): string {
  const head = ['system', 'hit1', 'hit5', 'mrr', 'answerRate', 'answerPrec', 'rejectRate', 'menuRate', 'menuRight', 'p50Ms', 'p99Ms', 'n']
  const rows = r.systems.map(({ name, figures: f }) => [
    name,
    f3(f.hit1),
    f3(f.hit5),
    f3(f.mrr),
    f3(f.answerRate),
    f3(f.answerPrecision),
    f3(f.rejectRate),
    f3(f.menuRate),
    f3(f.menuRight),
    f.p50Ms.toFixed(1),
    f.p99Ms.toFixed(1),
    `${f.counts.queries} (${f.counts.unanswerable} unans.)`,
  ])
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(width[i]!)).join('  ')
  return [`split: ${r.split}; thresholds: ${JSON.stringify(r.thresholds)}`, line(head), ...rows.map(line)].join('\n')
}
