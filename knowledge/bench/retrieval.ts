/**
 * `kefu bench retrieval`: loads a KB into a fresh temporary database (PGlite in a temp
 * folder, or a PostgreSQL URL), builds and calibrates the real index, runs every query
 * of the chosen split through the real search, and (optionally) the baselines beside it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDb } from '../../bot/db/client.ts'
import { migrate } from '../../bot/db/migrate.ts'
import { calibrate } from '../decide/calibrate.ts'
import { rebuildIndex } from '../search/rebuild.ts'
import type { FusionWeights } from '../search/fuse.ts'
import { rank, search } from '../search/search.ts'
import type { Ranker } from './baselines.ts'
import { readJsonl, selectSplit, type BenchEntry, type BenchQuery, type Split } from './dataset.ts'
import { loadBenchKb } from './load-bench-kb.ts'
import { figures, type Figures, type Outcome } from './metrics.ts'

export interface RetrievalBenchOptions {
  kb: string
  queries: string
  split?: Split
  baselines?: boolean
  databaseUrl?: string
  targetPrecision?: number
  log?: (line: string) => void
}

export interface RetrievalBenchResult {
  split: Split
  kbEntries: number
  buildMs: number
  thresholds: unknown
  systems: { name: string; figures: Figures }[]
}

export async function runRetrievalBench(opts: RetrievalBenchOptions): Promise<RetrievalBenchResult> {
  const log = opts.log ?? (() => {})
  const split = opts.split ?? 'report'
  const kb = readJsonl<BenchEntry>(opts.kb)
  const queries = selectSplit(readJsonl<BenchQuery>(opts.queries), split)
  const dir = opts.databaseUrl ? null : mkdtempSync(join(tmpdir(), 'kefu-bench-'))
  const schema = opts.databaseUrl ? `bench_${process.pid}_${Date.now()}` : null
  const db = await openDb(opts.databaseUrl ? { url: opts.databaseUrl, schema: schema! } : { dataDir: dir! })
  try {
    // The schema named on the search path must exist, or everything lands in public.
    if (schema) await db.exec(`create schema if not exists ${schema}`)
    await migrate(db)
    const t0 = performance.now()
    await loadBenchKb(db, kb)
    await rebuildIndex(db, {})
    const fit = await calibrate(db, { targetPrecision: opts.targetPrecision ?? 0.95 })
    const buildMs = performance.now() - t0
    log(`kb ${kb.length} entries indexed and calibrated in ${Math.round(buildMs)} ms; ${queries.length} queries (${split})`)
    const systems = [{ name: 'kefu', figures: figures(await runEngine(db, queries)) }]
    // The pretrained model by itself on the same index: each entry by its best question's cosine.
    if (opts.baselines) systems.push({ name: 'model alone (bge-small-zh)', figures: figures(await runEngine(db, queries, MODEL_ALONE)) })
    if (opts.baselines) {
      // The previous engine, same database: hashed embedder and keywords, no pretrained model.
      await rebuildIndex(db, { dense: false })
      await calibrate(db, { targetPrecision: opts.targetPrecision ?? 0.95 })
      systems.push({ name: 'kefu-hashed (previous)', figures: figures(await runEngine(db, queries)) })
      log('previous engine done')
      // MiniSearch and NLP.js are dev dependencies: loaded only when the baselines are asked for.
      const { bm25Baseline, nlpjsBaseline } = await import('./baselines.ts')
      const zh = kb.slice(0, 50).some((e) => /\p{Script=Han}/u.test(e.question))
      for (const make of [() => bm25Baseline(kb), () => nlpjsBaseline(kb, zh ? 'zh' : 'en')]) {
        const ranker: Ranker = await make()
        systems.push({ name: ranker.name, figures: figures(await runRanker(ranker, queries)) })
        log(`baseline ${ranker.name} done`)
      }
    }
    return { split, kbEntries: kb.length, buildMs, thresholds: fit?.thresholds ?? null, systems }
  } finally {
    if (schema) await db.exec(`drop schema if exists ${schema} cascade`)
    await db.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  }
}

/** Only the pretrained model's closest-question cosine: how it ranks alone (no decision of its own). */
const MODEL_ALONE: FusionWeights = { question: 0, entry: 0, keyword: 0, dense: 1, denseEntry: 0 }

async function runEngine(db: Awaited<ReturnType<typeof openDb>>, queries: BenchQuery[], alone?: FusionWeights): Promise<Outcome[]> {
  const out: Outcome[] = []
  for (const q of queries) {
    const t = performance.now()
    const r = await search(db, q.query, { limit: 10, fusion: alone })
    const ms = performance.now() - t
    // A menu lists only the options above the clarify bar; hit@k and MRR rank the whole list.
    const ranked = r.decision === 'clarify' ? await rank(db, q.query, { fusion: alone }) : r.candidates
    out.push({
      gold: q.gold,
      ranked: ranked.slice(0, 10).map((c) => c.entryId),
      ...(alone ? {} : { answered: r.decision === 'answer', offered: r.decision === 'clarify' ? r.candidates.map((c) => c.entryId) : [] }),
      ms,
    })
  }
  return out
}

async function runRanker(r: Ranker, queries: BenchQuery[]): Promise<Outcome[]> {
  const out: Outcome[] = []
  for (const q of queries) {
    const t = performance.now()
    const { ids, answered } = await r.rank(q.query)
    out.push({ gold: q.gold, ranked: ids, answered, ms: performance.now() - t })
  }
  return out
}
