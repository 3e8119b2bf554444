/** `kefu kb …` (import, export, reindex, search) and `kefu bench retrieval`. */
import { readFileSync, writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { progress } from '../bot/cli/progress.ts'
import type { Config } from '../bot/config.ts'
import { systemCtx } from '../bot/context.ts'
import { createRuntime, type Runtime } from '../bot/runtime.ts'
import type { Split } from './bench/dataset.ts'
import { importEntries, type ImportReport } from './entries/importEntries.ts'
import { listEntries } from './entries/store.ts'
import { detectFormat, parseFile, serialise } from './import/index.ts'
import { reindexAll } from './jobs.ts'
import { search } from './search/search.ts'

type LoadConfig = () => Promise<Config>

async function withRuntime<T>(loadConfig: LoadConfig, fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await createRuntime(await loadConfig(), { consumeJobs: false })
  try {
    return await fn(rt)
  } finally {
    await rt.close()
  }
}

export function printImportReport(r: ImportReport, out = process.stdout): void {
  const head = r.dryRun ? 'Dry run — nothing written.' : r.applied ? 'Imported.' : 'Nothing imported.'
  out.write(`${head}\n  new: ${r.new.length}  changed: ${r.changed.length}  unchanged: ${r.unchanged.length}  rejected: ${r.rejected.length}\n`)
  for (const c of r.changed.slice(0, 50)) out.write(`  line ${c.line}: ${c.id} changes ${c.fields.join(', ')}\n`)
  for (const x of r.rejected) out.write(`  line ${x.line}: REJECTED — ${x.reason}\n`)
  if (r.rejected.length && !r.dryRun) out.write('Fix the rejected lines and run again: an import is all or nothing.\n')
}

export function registerKnowledgeCommands(program: Command, loadConfig: LoadConfig) {
  const kb = program.command('kb').description('Knowledge base: import, export, reindex, search')

  kb.command('import <file>')
    .description('Import entries from CSV, XLSX, JSONL, Markdown or text (idempotent on entry id; all or nothing)')
    .option('--dry-run', 'report new / changed / unchanged / rejected rows without writing')
    .option('--format <format>', 'jsonl, csv, xlsx, markdown or text (default: from the file name)')
    .option('--draft', 'import rows without a status as drafts (default: published)')
    .action(async (file: string, opts: { dryRun?: boolean; format?: string; draft?: boolean }) => {
      const bytes = new Uint8Array(readFileSync(file))
      const parsed = await parseFile(bytes, (opts.format as any) ?? detectFormat(file, bytes))
      const report = await withRuntime(loadConfig, async (rt) => {
        const bar = progress('import')
        try {
          const r = await importEntries({
            ctx: systemCtx(rt, 'cli'),
            rows: parsed.rows,
            rejected: parsed.rejected,
            dryRun: !!opts.dryRun,
            defaultStatus: opts.draft ? 'draft' : 'published',
            onProgress: (d, t) => bar.update(d, t),
          })
          bar.stop()
          // A stopped server would otherwise answer from stale vectors: rebuild here, in the open.
          if (r.applied) await reindexWithProgress(rt)
          return r
        } finally {
          bar.stop()
        }
      })
      printImportReport(report)
      if (report.rejected.length) process.exitCode = 1
    })

  kb.command('export <file>')
    .description('Export every entry (format from the file name: .jsonl, .csv or .xlsx)')
    .option('--format <format>', 'jsonl, csv or xlsx')
    .action(async (file: string, opts: { format?: string }) => {
      const format = (opts.format ?? detectFormat(file)) as 'jsonl' | 'csv' | 'xlsx'
      if (!['jsonl', 'csv', 'xlsx'].includes(format)) throw new Error(`cannot export to ${format}; use .jsonl, .csv or .xlsx`)
      const n = await withRuntime(loadConfig, async (rt) => {
        const { items } = await listEntries(rt.db, { limit: 1_000_000, offset: 0 })
        const rows = items.map((e) => ({
          id: e.id,
          question: e.question,
          similarQuestions: e.similarQuestions,
          answer: e.answer,
          categoryPath: e.categoryPath,
          tags: e.tags,
          status: e.status,
        }))
        writeFileSync(
          file,
          await serialise(
            rows.sort((a, b) => (a.id < b.id ? -1 : 1)),
            format,
          ),
        )
        return rows.length
      })
      process.stdout.write(`Exported ${n} entries to ${file}.\n`)
    })

  kb.command('reindex')
    .description('Rebuild the search index from the entries and recalibrate the thresholds')
    .action(async () => {
      const fit = await withRuntime(loadConfig, reindexWithProgress)
      process.stdout.write(`Index rebuilt. Thresholds: ${JSON.stringify(fit?.thresholds ?? null)}\n`)
    })

  kb.command('search <text>')
    .description('Show what the bot would decide for a message: decision, thresholds, top 5 with scores and reasons')
    .option('--json', 'print one JSON object')
    .action(async (text: string, opts: { json?: boolean }) => {
      const result = await withRuntime(loadConfig, (rt) => search(rt.db, text, { limit: 5 }))
      if (opts.json) return void process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
      const t = result.thresholds
      process.stdout.write(
        `decision: ${result.decision}   (answer ≥ ${t.answer.toFixed(3)} with margin ≥ ${t.margin.toFixed(3)}; clarify ≥ ${t.clarify.toFixed(3)}; ${t.source})\n`,
      )
      for (const [i, c] of result.candidates.entries()) {
        const r = c.reason
        process.stdout.write(
          `${i + 1}. ${c.entryId}  ${c.score.toFixed(3)}  ${c.question}\n   matched "${r.matchedQuestion}"  vector ${r.vector.toFixed(3)}  entry ${r.entry.toFixed(3)}  keyword ${r.keyword.toFixed(3)}\n`,
        )
      }
    })

  const bench = program.command('bench').description('Benchmarks (separate from tests)')
  bench
    .command('retrieval')
    .description('Load a KB into a fresh temporary database, run every query, print hit@1/5, MRR, answer precision, reject rate, latency')
    .requiredOption('--kb <file>', 'knowledge base JSONL (id, question, similar_questions, answer, category)')
    .requiredOption('--queries <file>', 'queries JSONL (query, gold)')
    .option('--split <split>', 'tune, report or all (the tune share is never reported)', 'report')
    .option('--baselines', 'also run BM25 (MiniSearch + jieba) and NLP.js on the same data')
    .option('--database-url <url>', 'use a PostgreSQL server (a temporary schema) instead of embedded PGlite')
    .option('--json', 'print one JSON object')
    .action(async (opts) => {
      // Loaded on demand: the baselines pull in NLP.js, which no other command needs.
      const { runRetrievalBench } = await import('./bench/retrieval.ts')
      const { formatTable } = await import('./bench/format.ts')
      const result = await runRetrievalBench({
        kb: opts.kb,
        queries: opts.queries,
        split: opts.split as Split,
        baselines: !!opts.baselines,
        databaseUrl: opts.databaseUrl,
        log: opts.json ? undefined : (l: string) => process.stderr.write(`${l}\n`),
      })
      process.stdout.write(opts.json ? `${JSON.stringify(result)}\n` : `${formatTable(result)}\n`)
    })
}

async function reindexWithProgress(rt: Runtime) {
  const bar = progress('reindex')
  try {
    return await reindexAll(rt, (phase, done, total) => bar.update(done, total, phase))
  } finally {
    bar.stop()
  }
}
