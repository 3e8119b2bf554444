/**
 * npm run bench:journey -- [--kb KB.jsonl] [--messages MESSAGES.jsonl] [--split report|tune|all] [--json] [--llm [--llm-timeout MS]]
 *
 * Customer journeys through the real product: Kefu starts on a fresh embedded database
 * holding the set's knowledge base (indexed and calibrated as on any first start), and
 * every message goes through the web chat's HTTP API as a NEW visitor (its `before`
 * messages first, in the same chat). What the bot did — answered which entry, offered
 * which options, handed off, opened a ticket, small talk, fell back — is scored against
 * the message's `expect`. In the same run: the previous engine (PRETRAINED_EMBEDDER=off)
 * through the same API, and a keyword baseline (BM25, top hit always answered) on the
 * same messages. Default set: knowledge/bench/journey/courier-*.jsonl (ours, a courier).
 *
 * --llm (LLM_BASE_URL, LLM_MODEL and LLM_API_KEY from the environment; --llm-timeout sets
 * LLM_TIMEOUT_MS): Kefu runs once without the model and once with it, on the same KB,
 * messages and split, beside the keyword baseline; a second table says for both how many
 * answers were right, wrong or abstained, how many the model verified or composed, how many
 * composed ones claim what their cited entries do not say (journey-llm.ts), latency and tokens.
 */
import { parseArgs } from 'node:util'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDb } from '../../../bot/db/client.ts'
import { migrate } from '../../../bot/db/migrate.ts'
import { bm25Baseline } from '../../../knowledge/bench/baselines.ts'
import { readJsonl, splitOf, type BenchEntry } from '../../../knowledge/bench/dataset.ts'
import { loadBenchKb } from '../../../knowledge/bench/load-bench-kb.ts'
import { freePort, startKefu } from './server.ts'
import { reader, verdict, type Did, type JourneyMessage, type Verdict } from './journey-score.ts'
import { generatedOf, type LlmResult, llmEnv, llmSummary, type ModelUsage, usageOf, withGenerated } from './journey-llm.ts'

const here = fileURLToPath(new URL('../../../knowledge/bench/journey/', import.meta.url))
const { values } = parseArgs({
  options: {
    kb: { type: 'string', default: join(here, 'courier-kb.jsonl') },
    messages: { type: 'string', default: join(here, 'courier-messages.jsonl') },
    split: { type: 'string', default: 'report' },
    json: { type: 'boolean', default: false },
    llm: { type: 'boolean', default: false },
    'llm-timeout': { type: 'string' },
  },
})
let modelEnv: Record<string, string> | null = null
try {
  if (values['llm-timeout'] !== undefined && !values.llm) throw new Error('--llm-timeout goes with --llm')
  if (values.llm) modelEnv = llmEnv(process.env, values['llm-timeout'])
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`)
  process.exit(2)
}
const kb = readJsonl<BenchEntry>(values.kb!)
// A message's split is decided by its text (and what came before), like the retrieval sets.
const all = readJsonl<JourneyMessage>(values.messages!)
const messages = all.filter((m) => values.split === 'all' || splitOf([...(m.before ?? []), m.text].join('\n')) === values.split)
const log = (s: string) => void (values.json || process.stderr.write(`${s}\n`))

async function post(base: string, path: string, body: unknown, token?: string) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return res.json() as Promise<any>
}

async function runKefu(name: string, env: Record<string, string>, withModel = false): Promise<Run> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-journey-'))
  const db = await openDb({ dataDir: join(dataDir, 'pg') })
  await migrate(db)
  await loadBenchKb(db, kb)
  await db.close()
  const t0 = performance.now()
  const kefu = await startKefu({ port: await freePort(), dataDir, env: { SEED_DEMO: 'false', ...env } })
  log(`${name}: started (index built and calibrated) in ${Math.round(performance.now() - t0)} ms`)
  const read = reader(kb)
  const out: LlmResult[] = []
  const answers: ({ id: number; text: string } | undefined)[] = []
  let usage: ModelUsage | undefined
  try {
    for (const m of messages) {
      const { token } = await post(kefu.url, '/webchat/api/session', {})
      for (const b of m.before ?? []) await post(kefu.url, '/webchat/api/messages', { id: crypto.randomUUID(), text: b }, token)
      const t = performance.now()
      const r = await post(kefu.url, '/webchat/api/messages', { id: crypto.randomUUID(), text: m.text }, token)
      out.push({ m, did: read(r.replies), ms: performance.now() - t })
      answers.push(r.replies.find((x: { kind: string | null }) => x.kind === 'answer'))
    }
  } finally {
    await kefu.stop()
    // What the model did is on the stored replies and in its audit table, read once Kefu let go of the folder.
    if (withModel && out.length === messages.length) {
      const db = await openDb({ dataDir: join(dataDir, 'pg') })
      const generated = await generatedOf(
        db,
        answers.flatMap((a) => (a ? [a.id] : [])),
      )
      usage = await usageOf(db)
      await db.close()
      for (const [i, r] of out.entries()) Object.assign(r, withGenerated(kb, r.did, answers[i], answers[i] && generated.get(answers[i].id)))
    }
    rmSync(dataDir, { recursive: true, force: true })
  }
  return { name, results: out, usage }
}

interface Run {
  name: string
  results: LlmResult[]
  /** What the model run spent (--llm). */
  usage?: ModelUsage
}

async function runBaseline(): Promise<Run> {
  const bm25 = bm25Baseline(kb)
  const out: LlmResult[] = []
  for (const m of messages) {
    const t = performance.now()
    const { ids } = await bm25.rank(m.text)
    out.push({ m, did: ids[0] ? { kind: 'answer', entry: ids[0] } : { kind: 'fallback' }, ms: performance.now() - t })
  }
  return { name: 'bm25-jieba, top hit answered', results: out }
}

function summarise(run: { name: string; results: { m: JourneyMessage; did: Did; ms: number }[] }) {
  const count = (kind: string, v?: Verdict) => run.results.filter((r) => r.m.expect.kind === kind && (!v || verdict(r.m.expect, r.did) === v)).length
  const answerable = count('answer')
  const wrongDirect = run.results.filter((r) => verdict(r.m.expect, r.did) === 'wrong-answer').length
  const directAnswers = run.results.filter((r) => r.did.kind === 'answer').length
  const share = (n: number, d: number) => (d ? Math.round((1000 * n) / d) / 1000 : null)
  const ms = run.results.map((r) => r.ms).sort((a, b) => a - b)
  return {
    system: run.name,
    answerable,
    answeredRight: share(count('answer', 'right'), answerable),
    clarifiedRight: share(count('answer', 'clarified-right'), answerable),
    clarifiedWrong: share(count('answer', 'clarified-wrong'), answerable),
    missed: share(count('answer', 'missed'), answerable),
    wrongDirectOfAll: share(wrongDirect, run.results.length),
    wrongOfDirect: share(wrongDirect, directAnswers),
    ...Object.fromEntries((['smalltalk', 'handoff', 'ticket', 'fallback'] as const).map((k) => [k, `${count(k, 'right')}/${count(k)}`])),
    p50Ms: Math.round(ms[Math.floor(ms.length / 2)] ?? 0),
    p99Ms: Math.round(ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.99))] ?? 0),
  }
}

log(`journey set: ${kb.length} entries, ${messages.length} messages (${values.split} split of ${all.length})`)
const runs: Run[] = modelEnv
  ? [await runKefu('kefu', {}), await runKefu(`kefu + model ${modelEnv.LLM_MODEL}`, modelEnv, true), await runBaseline()]
  : [await runKefu('kefu', {}), await runKefu('kefu-hashed (previous engine)', { PRETRAINED_EMBEDDER: 'off' }), await runBaseline()]
const rows = runs.map(summarise)
// Without the model and with it: the same columns, so the two rows compare.
const llmRows = modelEnv ? runs.slice(0, 2).map((r) => llmSummary(r.name, r.results, r.usage)) : null
const claims = modelEnv ? runs[1]!.results.filter((r) => r.generated?.unsupported.length) : []
if (values.json)
  process.stdout.write(
    `${JSON.stringify({ rows, ...(llmRows ? { llm: llmRows, usage: runs[1]!.usage, unsupported: claims } : {}), misses: runs[0]!.results.filter((r) => verdict(r.m.expect, r.did) !== 'right') })}\n`,
  )
else {
  const keys = Object.keys(rows[0]!) as (keyof (typeof rows)[0])[]
  process.stdout.write(`| ${keys.join(' | ')} |\n|${keys.map(() => '---').join('|')}|\n`)
  for (const r of rows) process.stdout.write(`| ${keys.map((k) => r[k] ?? '—').join(' | ')} |\n`)
  if (llmRows) {
    const keys = Object.keys(llmRows[0]!) as (keyof (typeof llmRows)[0])[]
    process.stdout.write(`\n| ${keys.join(' | ')} |\n|${keys.map(() => '---').join('|')}|\n`)
    for (const r of llmRows) process.stdout.write(`| ${keys.map((k) => r[k]).join(' | ')} |\n`)
    log(`model calls by purpose and outcome: ${JSON.stringify(runs[1]!.usage?.byOutcome ?? {})}`)
    for (const r of claims)
      log(`  unsupported ${JSON.stringify(r.generated!.unsupported)} cites ${r.generated!.entries.join(',')} :: ${r.m.text} → ${r.generated!.text}`)
  }
  for (const r of runs[0]!.results) {
    const v = verdict(r.m.expect, r.did)
    if (v !== 'right')
      log(
        `  ${v.padEnd(15)} ${JSON.stringify(r.m.expect)} did=${JSON.stringify(r.did)} :: ${(r.m.before ?? []).join(' / ')}${r.m.before ? ' → ' : ''}${r.m.text}`,
      )
  }
}
process.exit(0)
