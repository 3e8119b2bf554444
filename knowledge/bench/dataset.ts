/**
 * Benchmark files (read from wherever they live, never copied into the repository):
 * kb.jsonl — {id, question, similar_questions, answer, category}
 * queries.jsonl — {query, gold: entry id | null}
 * and the deterministic tune/report split: settings are tuned on one part and figures
 * reported on the other, so a reported number never saw its own queries.
 */
import { readFileSync } from 'node:fs'
import { fnv1a } from '../embed/hash.ts'

export interface BenchEntry {
  id: string
  question: string
  similar_questions?: string[]
  answer?: string
  category?: string
}

export interface BenchQuery {
  query: string
  gold: string | null
}

export type Split = 'tune' | 'report' | 'all'

/** Share of each queries file used for tuning. */
export const TUNE_SHARE = 0.3

export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T)
}

export function splitOf(query: string): 'tune' | 'report' {
  return fnv1a(`kefu-split:${query}`) % 1000 < TUNE_SHARE * 1000 ? 'tune' : 'report'
}

export function selectSplit(qs: BenchQuery[], split: Split): BenchQuery[] {
  return split === 'all' ? qs : qs.filter((q) => splitOf(q.query) === split)
}
