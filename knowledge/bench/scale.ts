/**
 * npm run bench:scale -- [--entries 100000] [--queries 500] [--database-url postgres://…]
 * A synthetic KB (deterministic, built from a small vocabulary of Chinese and English
 * words) imported into a fresh database: import + index time, search latency p50/p99
 * and memory. Measures the engine's cost, not its accuracy.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openDb } from '../../bot/db/client.ts'
import { migrate } from '../../bot/db/migrate.ts'
import { rebuildIndex } from '../search/rebuild.ts'
import { search } from '../search/search.ts'
import type { BenchEntry } from './dataset.ts'
import { loadBenchKb } from './load-bench-kb.ts'

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '500' },
    'database-url': { type: 'string' },
  },
})
const ZH = '账户 密码 花呗 借呗 还款 额度 提现 转账 银行卡 手机 验证码 退款 订单 发票 快递 会员 积分 优惠券 登录 注册 冻结 解冻 利息 逾期 信用 审核 申请 取消 修改 绑定'.split(' ')
const VERBS = '怎么 为什么 如何 能不能 可以 无法 什么时候 在哪里 多久 是否'.split(' ')
const EN = 'account password card refund order invoice delivery member points coupon login limit transfer fee rate app phone code'.split(' ')

let seed = 42
const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n)
const pick = (xs: string[]) => xs[rnd(xs.length)]!
const sentence = () =>
  rnd(4) === 0 ? `how do i ${pick(EN)} my ${pick(EN)} ${pick(EN)} ${rnd(1000)}` : `${pick(ZH)}${pick(VERBS)}${pick(ZH)}${pick(ZH)}${rnd(1000)}`

const n = Number(values.entries)
const kb: BenchEntry[] = Array.from({ length: n }, (_, i) => ({
  id: `s${i}`, question: sentence(), similar_questions: Array.from({ length: rnd(3) }, sentence), answer: 'a',
}))
const dir = values['database-url'] ? null : mkdtempSync(join(tmpdir(), 'kefu-scale-'))
const db = await openDb(values['database-url'] ? { url: values['database-url'], schema: `scale_${process.pid}` } : { dataDir: dir! })
try {
  await migrate(db)
  const t0 = performance.now()
  await loadBenchKb(db, kb)
  const t1 = performance.now()
  await rebuildIndex(db, { onProgress: (p) => p.phase !== 'embed' || p.done % 20000 === 0 ? console.error(`${p.phase} ${p.done}/${p.total}`) : undefined })
  const t2 = performance.now()
  const ms: number[] = []
  for (let i = 0; i < Number(values.queries); i++) {
    const t = performance.now()
    await search(db, sentence())
    ms.push(performance.now() - t)
  }
  ms.sort((a, b) => a - b)
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!.toFixed(1)
  console.log(JSON.stringify({
    engine: db.kind, entries: n, questions: kb.reduce((s, e) => s + 1 + e.similar_questions!.length, 0),
    importMs: Math.round(t1 - t0), indexMs: Math.round(t2 - t1), searchP50Ms: q(0.5), searchP99Ms: q(0.99),
    rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
  }))
} finally {
  await db.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
}
