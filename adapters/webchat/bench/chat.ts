/**
 * npm run bench:chat -- [--database-url postgres://…] [--customers 10,50,200]
 *   [--rates 25,50,100,200,400,700,1000] [--seconds 5] [--json]
 *
 * Simulated web-chat customers send FAQ questions at a fixed offered rate, stepped up
 * until the server falls behind (served < 90% of offered, or p99 over 1 s). For each step:
 * messages per second served and p50 / p99 from scheduled send to bot reply pushed over
 * SSE. A bare Hono echo endpoint is measured in the same run as the ceiling.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { demoKnowledge } from '../../../knowledge/demo/demoKnowledge.ts'
import { cpuPerMessage, postmasterPid, sampleCpu } from './cpu.ts'
import { freePort, startEcho, startKefu } from './server.ts'
import { costTable, measureTurnCost, type TurnCost } from './profile.ts'
import { runEchoStep, runStep, type StepResult } from './step.ts'
import { openVisitor } from './visitors.ts'

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    customers: { type: 'string', default: '10,50,200' },
    rates: { type: 'string', default: '25,50,100,200,400,700,1000' },
    seconds: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
    // The cost model first: this many messages one at a time, CPU and round trips per stage (0 = skip).
    profile: { type: 'string', default: '300' },
  },
})
const list = (s: string) =>
  s
    .split(',')
    .map(Number)
    .filter((n) => n > 0)
const seconds = Number(values.seconds)
const log = (s: string) => void (values.json || process.stderr.write(`${s}\n`))

// Customers' wording, not the standard questions: the similar questions of the demo entries.
const questions = demoKnowledge.flatMap((e) => e.similar)
const fellBehind = (r: StepResult) => r.served < 0.9 * r.offered || (r.p99Ms ?? Infinity) > 1000

const profileFile = join(mkdtempSync(join(tmpdir(), 'kefu-bench-profile-')), 'turn.json')
const kefu = await startKefu({ databaseUrl: values['database-url'], port: await freePort(), env: { TURN_PROFILE: profileFile } })
const echo = await startEcho()
const postmaster = values['database-url'] ? await postmasterPid(values['database-url']) : null
const results: { target: string; steps: StepResult[] }[] = []
let cost: TurnCost | null = null
try {
  if (Number(values.profile) > 0) {
    const visitors = await Promise.all(Array.from({ length: 20 }, () => openVisitor(kefu.url)))
    cost = await measureTurnCost(kefu.url, visitors, questions, Number(values.profile), profileFile, () => sampleCpu([kefu.pid], postmaster))
    for (const v of visitors) v.close()
    log(costTable(cost))
  }
  const steps: StepResult[] = []
  for (const customers of list(values.customers!)) {
    const visitors = await Promise.all(Array.from({ length: customers }, () => openVisitor(kefu.url)))
    for (const rate of list(values.rates!)) {
      const before = sampleCpu([kefu.pid], postmaster)
      const r = await runStep(kefu.url, visitors, rate, seconds, questions)
      const cpu = cpuPerMessage(before, sampleCpu([kefu.pid], postmaster), r.answered)
      steps.push({ ...r, ...cpu })
      log(
        `kefu  customers=${customers} offered=${rate}/s served=${r.served}/s p50=${r.p50Ms}ms p99=${r.p99Ms}ms errors=${r.errors} cpu app=${cpu.appMsPerMsg}ms db=${cpu.dbMsPerMsg}ms msg/cpu-s=${cpu.msgPerCpuSecond}`,
      )
      if (fellBehind(r)) break
    }
    for (const v of visitors) v.close()
  }
  results.push({ target: values['database-url'] ? 'kefu (PostgreSQL)' : 'kefu (embedded PGlite)', steps })
  const echoSteps: StepResult[] = []
  for (const rate of list(values.rates!)) {
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

if (values.json) process.stdout.write(`${JSON.stringify({ cost, results })}\n`)
else {
  if (cost) process.stdout.write(costTable(cost))
  process.stdout.write(
    '| target | customers | offered msg/s | served msg/s | p50 ms | p99 ms | errors | app CPU ms/msg | db CPU ms/msg | msg per CPU-s |\n|---|---|---|---|---|---|---|---|---|---|\n',
  )
  const dash = (x: number | null | undefined) => x ?? '—'
  for (const t of results)
    for (const s of t.steps)
      process.stdout.write(
        `| ${t.target} | ${s.customers} | ${s.offered} | ${s.served} | ${dash(s.p50Ms)} | ${dash(s.p99Ms)} | ${s.errors} | ${dash(s.appMsPerMsg)} | ${dash(s.dbMsPerMsg)} | ${dash(s.msgPerCpuSecond)} |\n`,
      )
}
process.exit(0)
