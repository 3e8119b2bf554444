/**
 * npm run bench:chat -- [--database-url postgres://…] [--customers 10,50,200]
 *   [--rates 25,50,100,200,400,700,1000] [--echo-rates …] [--seconds 5] [--profile 60] [--json]
 *   [--replicas N --redis-url redis://…] [--wordings repeated|varied]
 *
 * First the cost model of one turn (profile.ts): messages one at a time, CPU, wall time
 * and database round trips per stage. Then simulated web-chat customers send FAQ questions
 * at a fixed offered rate, stepped up until the server falls behind (served < 90% of
 * offered, or p99 over 1 s). For each step: messages per second served, p50 / p99 from
 * scheduled send to bot reply pushed over SSE, and CPU per message (cpu.ts). A bare Hono
 * echo endpoint is measured in the same run as the ceiling.
 *
 * --replicas N runs the production layout instead of one `kefu start` (cluster.ts): N
 * `kefu start --no-worker` and one `kefu worker` on the PostgreSQL and Redis given, each
 * request to a replica at random; afterwards the database is asked what was lost or doubled.
 *
 * --wordings varied: each message wrapped in one of 64 customer framings (你好，… / …，谢谢),
 * so nearly every message is a text the process has not seen and the model runs for it;
 * `repeated` (the default, as in earlier runs) cycles the 140 wordings, which the process
 * soon remembers (query vectors and rankings: knowledge/embed/recent.ts, search/recent-results.ts).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { demoKnowledge } from '../../../knowledge/demo/demoKnowledge.ts'
import { auditReplies, startCluster, type Acked } from './cluster.ts'
import { cpuPerMessage, postmasterPid, sampleCpu } from './cpu.ts'
import { costTable, measureTurnCost, type TurnCost } from './profile.ts'
import { freePort, startEcho, startKefu } from './server.ts'
import { runEchoStep, runStep, type StepResult } from './step.ts'
import { openVisitor } from './visitors.ts'
import { variedWordings } from './wordings.ts'
import { warmUp } from './warmUp.ts'

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'redis-url': { type: 'string' },
    replicas: { type: 'string' },
    customers: { type: 'string', default: '10,50,200' },
    rates: { type: 'string', default: '25,50,100,200,400,700,1000' },
    // The echo's own steps (default: the same as --rates), to find its knee when Kefu's is far below it.
    'echo-rates': { type: 'string' },
    seconds: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
    // The cost model first, on a process of its own: this many questions (at most all 140), one at a time, twice (each wording the first time, then again); CPU and round trips per stage (0 = skip).
    profile: { type: 'string', default: '60' },
    wordings: { type: 'string', default: 'repeated' },
  },
})
const list = (s: string) =>
  s
    .split(',')
    .map(Number)
    .filter((n) => n > 0)
const seconds = Number(values.seconds)
const log = (s: string) => void (values.json || process.stderr.write(`${s}\n`))
const databaseUrl = values['database-url']
const replicas = values.replicas ? Number(values.replicas) : 0
if (replicas && (!databaseUrl || !values['redis-url'] || !(replicas >= 1))) {
  process.stderr.write('--replicas N needs N ≥ 1, --database-url and --redis-url (replicas share one PostgreSQL and one Redis)\n')
  process.exit(2)
}

// Customers' wording, not the standard questions: the similar questions of the demo entries.
const questions = demoKnowledge.flatMap((e) => e.similar)
if (values.wordings !== 'repeated' && values.wordings !== 'varied') {
  process.stderr.write('--wordings is repeated or varied\n')
  process.exit(2)
}
const stepWordings = values.wordings === 'varied' ? variedWordings(questions) : () => questions
const costTables = (c: { firstTime: TurnCost; repeated: TurnCost }) =>
  `${costTable(c.firstTime, 'each wording the first time')}\n${costTable(c.repeated, 'the same wordings again')}`
const fellBehind = (r: StepResult) => r.served < 0.9 * r.offered || (r.p99Ms ?? Infinity) > 1000

const postmaster = databaseUrl ? await postmasterPid(databaseUrl) : null
// The cost model runs on a process of its own, stopped before the load starts: its hooks
// (process.cpuUsage at every stage, an AsyncLocalStorage per turn) cost ~8 % of a turn's CPU,
// and the steps measure Kefu as it is deployed, without them.
let cost: { firstTime: TurnCost; repeated: TurnCost } | null = null
if (Number(values.profile) > 0) {
  const profileFile = join(mkdtempSync(join(tmpdir(), 'kefu-bench-profile-')), 'turn.json')
  const profiled = await startKefu({ databaseUrl, port: await freePort(), env: { TURN_PROFILE: profileFile } })
  try {
    const visitors = await Promise.all(Array.from({ length: 20 }, () => openVisitor(() => profiled.url)))
    const count = Math.min(Number(values.profile), questions.length)
    cost = await measureTurnCost(profiled.url, visitors, questions, count, profileFile, () => sampleCpu([profiled.pid], postmaster))
    for (const v of visitors) v.close()
  } finally {
    await profiled.stop()
  }
  log(costTables(cost))
}
const kefu = replicas
  ? await startCluster({ databaseUrl: databaseUrl!, redisUrl: values['redis-url']!, replicas })
  : await startKefu({ databaseUrl, port: await freePort() }).then((k) => ({ urls: [k.url], pids: [k.pid], pick: () => k.url, stop: k.stop }))
const echo = await startEcho()
const cpu = () => sampleCpu(kefu.pids, postmaster)
const target = replicas
  ? `kefu ${replicas} replica${replicas > 1 ? 's' : ''} + worker (PostgreSQL, Redis)`
  : databaseUrl
    ? 'kefu (PostgreSQL)'
    : 'kefu (embedded PGlite)'
const results: { target: string; steps: StepResult[] }[] = []
const acked: Acked[] = []
let audit: Awaited<ReturnType<typeof auditReplies>> | null = null
try {
  // Every process warms up on unmeasured wordings, on visitors of its own.
  for (const url of kefu.urls) {
    const own = await Promise.all(Array.from({ length: 4 }, () => openVisitor(() => url)))
    await warmUp(url, own)
    for (const v of own) v.close()
  }
  const steps: StepResult[] = []
  for (const customers of list(values.customers!)) {
    const visitors = await Promise.all(Array.from({ length: customers }, () => openVisitor(kefu.pick)))
    for (const rate of list(values.rates!)) {
      const before = cpu()
      const r = await runStep(kefu.pick, visitors, rate, seconds, stepWordings(rate * seconds), acked)
      const c = cpuPerMessage(before, cpu(), r.answered)
      steps.push({ ...r, ...c })
      log(
        `kefu  customers=${customers} offered=${rate}/s served=${r.served}/s p50=${r.p50Ms}ms p99=${r.p99Ms}ms errors=${r.errors} unpushed=${r.unpushed} cpu app=${c.appMsPerMsg}ms db=${c.dbMsPerMsg ?? '—'}ms msg/cpu-s=${c.msgPerCpuSecond}`,
      )
      if (r.slow?.length) log(`      over 100 ms (s into the step: replies, slowest ms): ${r.slow.map((b) => `${b.at}: ${b.count}, ${b.maxMs}`).join(' · ')}`)
      if (fellBehind(r)) break
    }
    for (const v of visitors) v.close()
  }
  results.push({ target, steps })
  if (databaseUrl && acked.length) {
    audit = await auditReplies(databaseUrl, acked)
    log(`audit ${JSON.stringify(audit)}`)
  }
  const echoSteps: StepResult[] = []
  for (const rate of list(values['echo-rates'] ?? values.rates!)) {
    const r = await runEchoStep(echo.url, 200, rate, seconds)
    echoSteps.push(r)
    log(`echo  offered=${rate}/s served=${r.served}/s p50=${r.p50Ms}ms p99=${r.p99Ms}ms`)
    if (fellBehind(r)) break
  }
  results.push({ target: 'bare Hono echo (ceiling)', steps: echoSteps })
} finally {
  await kefu.stop()
  await echo.stop()
}

if (values.json) process.stdout.write(`${JSON.stringify({ cost, results, audit })}\n`)
else {
  if (cost) process.stdout.write(costTables(cost))
  process.stdout.write(
    '| target | customers | offered msg/s | served msg/s | p50 ms | p99 ms | errors | not pushed | app CPU ms/msg | db CPU ms/msg | msg per CPU-s |\n|---|---|---|---|---|---|---|---|---|---|---|\n',
  )
  const dash = (x: number | null | undefined) => x ?? '—'
  for (const t of results)
    for (const s of t.steps)
      process.stdout.write(
        `| ${t.target} | ${s.customers} | ${s.offered} | ${s.served} | ${dash(s.p50Ms)} | ${dash(s.p99Ms)} | ${s.errors} | ${dash(s.unpushed)} | ${dash(s.appMsPerMsg)} | ${dash(s.dbMsPerMsg)} | ${dash(s.msgPerCpuSecond)} |\n`,
      )
  if (audit)
    process.stdout.write(
      `\nFrom the database: ${audit.acknowledged} acknowledged, ${audit.lost} lost, ${audit.storedTwice} stored twice, ${audit.unanswered} unanswered, ${audit.answeredTwice} answered twice\n`,
    )
}
process.exit(0)
