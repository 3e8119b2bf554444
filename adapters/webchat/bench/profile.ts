/**
 * The cost model of one turn: messages sent one at a time (so the process's CPU
 * belongs to one turn at a time), and from the server's stage totals (bot/perf/turnProfile.ts,
 * written to `file`) the CPU ms, wall ms and database round trips per message per stage,
 * beside what /proc says the Kefu and PostgreSQL processes spent in all.
 */
import { readFileSync } from 'node:fs'
import type { ProfileSnapshot } from '../../../bot/perf/turnProfile.ts'
import { cpuPerMessage, type CpuSample } from './cpu.ts'
import type { Visitor } from './visitors.ts'
import { postMessage, warmUp } from './warmUp.ts'

export interface StageCost {
  stage: string
  cpuMs: number
  wallMs: number
  trips: number
}
export interface TurnCost {
  messages: number
  stages: StageCost[]
  appMsPerMsg: number
  dbMsPerMsg: number | null
  msgPerCpuSecond: number | null
}

const read = (file: string): ProfileSnapshot => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ProfileSnapshot
  } catch {
    return { turns: 0, stages: {} }
  }
}
const settle = () => new Promise((r) => setTimeout(r, 1300)) // the server writes its totals every second

/**
 * Two passes over the same `count` questions: the first sees each wording for the first
 * time (nothing remembered), the second asks them again (query vectors and rankings are
 * remembered: knowledge/embed/recent.ts, knowledge/search/recent-results.ts).
 */
export async function measureTurnCost(
  base: string,
  visitors: Visitor[],
  questions: string[],
  count: number,
  file: string,
  cpu: () => CpuSample,
): Promise<{ firstTime: TurnCost; repeated: TurnCost }> {
  const send = (i: number, text: string) => postMessage(base, visitors[i % visitors.length]!, text)
  await warmUp(base, visitors)
  const pass = async () => {
    await settle()
    const before = read(file)
    const cpuBefore = cpu()
    for (let i = 0; i < count; i++) await send(i, questions[i % questions.length]!)
    await settle()
    return diff(before, read(file), cpuPerMessage(cpuBefore, cpu(), count), count)
  }
  const firstTime = await pass()
  return { firstTime, repeated: await pass() }
}

function diff(before: ProfileSnapshot, after: ProfileSnapshot, cpu: ReturnType<typeof cpuPerMessage>, count: number): TurnCost {
  const per = (x: number) => Math.round((x * 100) / count) / 100
  const stages = Object.keys(after.stages).map((stage) => {
    const a = after.stages[stage]!
    const b = before.stages[stage] ?? { cpuMs: 0, wallMs: 0, trips: 0 }
    return { stage, cpuMs: per(a.cpuMs - b.cpuMs), wallMs: per(a.wallMs - b.wallMs), trips: per(a.trips - b.trips) }
  })
  return { messages: count, stages, ...cpu } as TurnCost
}

export function costTable(c: TurnCost, title: string): string {
  const rows = c.stages.map((s) => `| ${s.stage} | ${s.cpuMs} | ${s.wallMs} | ${s.trips} |`)
  const sum = (k: 'cpuMs' | 'wallMs' | 'trips') => Math.round(c.stages.reduce((s, x) => s + x[k], 0) * 100) / 100
  return [
    `Cost of one turn, ${title}: ${c.messages} messages one at a time (per message):`,
    '| stage | CPU ms | wall ms | round trips |',
    '|---|---|---|---|',
    ...rows,
    `| all stages | ${sum('cpuMs')} | ${sum('wallMs')} | ${sum('trips')} |`,
    `Whole processes (/proc): Kefu ${c.appMsPerMsg} ms CPU, PostgreSQL ${c.dbMsPerMsg ?? '—'} ms CPU per message → ${c.msgPerCpuSecond ?? '—'} messages per CPU-second`,
    '',
  ].join('\n')
}
