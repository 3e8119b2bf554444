/**
 * npm run bench:scale -- [--entries 100000] [--queries 500] [--database-url postgres://…] [--keep] [--dense off]
 *                        [--schema scale_NNN]   (search latency again on a kept schema; no import)
 *                        [--concurrency 4]      (that many searches in flight at once: latency under load, and throughput)
 * A synthetic KB (deterministic, built from a small vocabulary of Chinese and English
 * words) imported into a fresh database: import + index time, search latency p50/p99
 * and memory, and the cost of re-indexing one edited entry. Measures the engine's cost,
 * not its accuracy. The previous engine (hashed embedder and keywords, no pretrained model)
 * is built and measured first; then the pretrained model's vectors are added to the same
 * index and the same queries are measured again (`--dense off` stops after the first). Beside it, on the same queries in the same run: BM25 over every
 * question in memory (the retrieval baseline, MiniSearch + jieba) as a yardstick.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openDb } from '../../bot/db/client.ts'
import { migrate } from '../../bot/db/migrate.ts'
import { rebuildIndex } from '../search/rebuild.ts'
import { buildDense, DEFAULT_DENSE } from '../search/build-dense.ts'
import { bumpKbVersion } from '../search/kb-version.ts'
import { indexEntries } from '../search/index-entries.ts'
import { search } from '../search/search.ts'
import type { BenchEntry } from './dataset.ts'
import { loadBenchKb } from './load-bench-kb.ts'
import { bm25Baseline } from './baselines.ts'

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '500' },
    'database-url': { type: 'string' },
    /** PostgreSQL: keep the schema afterwards (to EXPLAIN or re-measure against it). */
    keep: { type: 'boolean', default: false },
    /** PostgreSQL: measure search latency again on a schema kept by an earlier --keep run. */
    schema: { type: 'string' },
    /** Searches in flight at once (each waits for its own answer, then takes the next query). */
    concurrency: { type: 'string', default: '1' },
    /** `off`: measure the previous engine only (no pretrained model). */
    dense: { type: 'string', default: 'on' },
  },
})
const ZH =
  '账户 密码 花呗 借呗 还款 额度 提现 转账 银行卡 手机 验证码 退款 订单 发票 快递 会员 积分 优惠券 登录 注册 冻结 解冻 利息 逾期 信用 审核 申请 取消 修改 绑定'.split(
    ' ',
  )
const VERBS = '怎么 为什么 如何 能不能 可以 无法 什么时候 在哪里 多久 是否'.split(' ')
const EN = 'account password card refund order invoice delivery member points coupon login limit transfer fee rate app phone code'.split(' ')

let seed = 42
const rnd = (n: number) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n
const pick = (xs: string[]) => xs[rnd(xs.length)]!
const sentence = () =>
  rnd(4) === 0 ? `how do i ${pick(EN)} my ${pick(EN)} ${pick(EN)} ${rnd(1000)}` : `${pick(ZH)}${pick(VERBS)}${pick(ZH)}${pick(ZH)}${rnd(1000)}`

/** Steady-state serving latency: the first searches of a process load the model and warm caches, and are not counted. */
const WARM_UP = 20

const n = Number(values.entries)
const kb: BenchEntry[] = Array.from({ length: n }, (_, i) => ({
  id: `s${i}`,
  question: sentence(),
  similar_questions: Array.from({ length: rnd(3) }, sentence),
  answer: 'a',
}))
const queries = Array.from({ length: WARM_UP + Number(values.queries) }, sentence)
const url = values['database-url']
if (values.schema && !url) throw new Error('--schema needs --database-url')
const schema = url ? (values.schema ?? `scale_${process.pid}`) : null
const dir = url ? null : mkdtempSync(join(tmpdir(), 'kefu-scale-'))
const db = await openDb(url ? { url, schema: schema! } : { dataDir: dir! })
try {
  if (values.schema) {
    console.log(JSON.stringify({ engine: db.kind, schema, ...(await searchLatency()) }))
    console.log(JSON.stringify(await baselineLatency()))
  } else {
    if (schema) console.error(`schema ${schema}`)
    await build()
    console.log(JSON.stringify(await baselineLatency()))
  }
} finally {
  if (schema && !values.keep && !values.schema) await db.exec(`drop schema if exists ${schema} cascade`)
  await db.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
}

async function build() {
  // The schema named on the search path must exist, or everything lands in public.
  if (schema) await db.exec(`create schema if not exists ${schema}`)
  await migrate(db)
  const t0 = performance.now()
  await loadBenchKb(db, kb)
  const t1 = performance.now()
  let last = performance.now()
  const onProgress = (p: { phase: string; done: number; total: number }) => {
    if ((p.phase === 'embed' || p.phase === 'dense') && p.done % 20000 > 1000 && p.done !== p.total) return
    console.error(`${p.phase} ${p.done}/${p.total} +${Math.round(performance.now() - last)} ms`)
    last = performance.now()
  }
  await rebuildIndex(db, { dense: false, onProgress })
  const t2 = performance.now()
  // One admin edit on a built index: what indexEntries costs at this size.
  const editMs: number[] = []
  for (let i = 0; i < 5; i++) {
    await db.query(`insert into kb_questions (entry_id, text, position) values ($1, $2, 99)`, [`s${i * 7}`, sentence()])
    const t = performance.now()
    await indexEntries(db, [`s${i * 7}`])
    editMs.push(performance.now() - t)
  }
  const latency = await searchLatency()
  console.log(
    JSON.stringify({
      engine: `${db.kind}, previous engine (no pretrained model)`,
      entries: n,
      questions: kb.reduce((s, e) => s + 1 + e.similar_questions!.length, 0),
      importMs: Math.round(t1 - t0),
      indexMs: Math.round(t2 - t1),
      ...latency,
      editMs: editMs.map((x) => Math.round(x)),
      rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      dbMB: await dbSize(),
    }),
  )
  if (values.dense === 'off') return
  const t3 = performance.now()
  await buildDense(db, DEFAULT_DENSE, (done, total) => onProgress({ phase: 'dense', done, total }))
  await bumpKbVersion(db)
  const denseMs = Math.round(performance.now() - t3)
  console.log(
    JSON.stringify({
      engine: `${db.kind}, with ${DEFAULT_DENSE}`,
      entries: n,
      denseIndexMs: denseMs,
      ...(await searchLatency()),
      rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      dbMB: await dbSize(),
    }),
  )
}

async function searchLatency() {
  return latency((q) => search(db, q))
}

/** The yardstick, same queries in the same run: BM25 over every question, in memory (MiniSearch, jieba). */
async function baselineLatency() {
  const t = performance.now()
  const bm25 = bm25Baseline(kb)
  const buildMs = Math.round(performance.now() - t)
  return { engine: bm25.name, buildMs, ...(await latency((q) => bm25.rank(q))) }
}

async function latency(run: (q: string) => Promise<unknown>) {
  for (const q of queries.slice(0, WARM_UP)) await run(q)
  const ms: number[] = []
  const pending = queries.slice(WARM_UP)
  const concurrency = Math.max(1, Number(values.concurrency) || 1)
  const worker = async () => {
    for (let q = pending.shift(); q !== undefined; q = pending.shift()) {
      const t = performance.now()
      await run(q)
      ms.push(performance.now() - t)
    }
  }
  const t0 = performance.now()
  await Promise.all(Array.from({ length: concurrency }, worker))
  const wallMs = performance.now() - t0
  ms.sort((a, b) => a - b)
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!.toFixed(1)
  return { queries: ms.length, warmUp: WARM_UP, concurrency, searchP50Ms: at(0.5), searchP99Ms: at(0.99), perSecond: Math.round((ms.length * 1000) / wallMs) }
}

async function dbSize(): Promise<number> {
  const r = await db.query<{ b: number }>(`select sum(pg_total_relation_size(c.oid))::bigint b from pg_class c
    where c.relname like 'kb\\_%' and c.relkind = 'r' and c.relnamespace = to_regnamespace(current_schema())`)
  return Math.round(Number(r.rows[0]?.b ?? 0) / 2 ** 20)
}
