/**
 * CPU seconds spent by the processes a bench step drives, read from /proc (Linux): the
 * Kefu processes by pid, and the PostgreSQL server by its postmaster's pid — the live
 * backends plus what exited ones left in the postmaster's children counters. CPU time
 * is robust where wall-clock rates are not: on a shared machine a step can be slowed by
 * colleagues, but the work per message stays what it is.
 */
import { readdirSync, readFileSync } from 'node:fs'
import pg from 'pg'

const TICK = 100 // USER_HZ on Linux

/** utime+stime (and with `children`, cutime+cstime) of one process, in seconds; 0 when gone. */
function cpuOf(pid: number, children: boolean): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // Fields after ") ": state=0 … utime=11 stime=12 cutime=13 cstime=14.
    const own = Number(f[11]) + Number(f[12])
    return (children ? own + Number(f[13]) + Number(f[14]) : own) / TICK
  } catch {
    return 0
  }
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  } catch {
    return null
  }
}

/** The postmaster of a PostgreSQL reachable at `url`, when it runs on this machine. */
export async function postmasterPid(url: string): Promise<number | null> {
  const c = new pg.Client({ connectionString: url })
  try {
    await c.connect()
    const { rows } = await c.query<{ pid: number }>('select pg_backend_pid() as pid')
    const parent = parentOf(rows[0]!.pid)
    return parent && readFileSync(`/proc/${parent}/cmdline`, 'utf8').includes('postgres') ? parent : null
  } catch {
    return null
  } finally {
    await c.end().catch(() => {})
  }
}

/** Everything the postmaster and its children have used so far. */
function serverCpu(postmaster: number): number {
  let total = cpuOf(postmaster, true)
  for (const name of readdirSync('/proc')) {
    const pid = Number(name)
    if (pid > 0 && parentOf(pid) === postmaster) total += cpuOf(pid, false)
  }
  return total
}

export interface CpuSample {
  app: number
  db: number | null
}

export const sampleCpu = (appPids: number[], postmaster: number | null): CpuSample => ({
  app: appPids.reduce((s, p) => s + cpuOf(p, true), 0),
  db: postmaster === null ? null : serverCpu(postmaster),
})

/** CPU ms per message and messages per CPU-second (Kefu and database together) over a step. */
export function cpuPerMessage(before: CpuSample, after: CpuSample, messages: number) {
  const app = after.app - before.app
  const db = before.db === null || after.db === null ? null : after.db - before.db
  const total = app + (db ?? 0)
  const ms = (s: number) => Math.round((s * 1000 * 100) / Math.max(1, messages)) / 100
  return {
    appMsPerMsg: ms(app),
    dbMsPerMsg: db === null ? null : ms(db),
    msgPerCpuSecond: total > 0 ? Math.round(messages / total) : null,
  }
}
