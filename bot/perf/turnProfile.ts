/**
 * The cost model of a turn (issue 19): CPU time, wall time and database round trips per
 * stage of one customer message. Off unless `TURN_PROFILE` names a file (bench:chat sets
 * it); then every second the totals so far are written there as JSON, for the bench to
 * diff around a run. Off, each hook is one boolean test.
 *
 * Stages are marks, not wrappers: `mark('search')` closes the stage running so far and
 * opens the next, so the hot path gains one line per stage and no nesting. CPU is the
 * process's (process.cpuUsage), so it is exact only while one turn runs at a time — the
 * bench's profile step sends one message at a time; round trips are exact always. A query
 * outside any turn (the event streams, timers) counts under `outside`.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { writeFile } from 'node:fs/promises'

export const TURN_STAGES = ['token', 'dedup', 'customer', 'classify', 'search', 'reply', 'publish', 'respond'] as const
export type TurnStage = (typeof TURN_STAGES)[number]

interface Totals {
  cpuMs: number
  wallMs: number
  trips: number
}
export interface ProfileSnapshot {
  turns: number
  stages: Record<string, Totals>
}

interface Open {
  stage: TurnStage
  cpu: NodeJS.CpuUsage
  wall: number
}

let enabled = false
const store = new AsyncLocalStorage<Open>()
const totals: ProfileSnapshot = { turns: 0, stages: {} }
const bucket = (name: string) => (totals.stages[name] ??= { cpuMs: 0, wallMs: 0, trips: 0 })

/** Called once at start-up with config.TURN_PROFILE. */
export function startTurnProfile(path: string | undefined): void {
  if (!path || enabled) return
  enabled = true
  let written = -1
  const timer = setInterval(() => {
    const n = totals.turns + Object.values(totals.stages).reduce((s, t) => s + t.trips, 0)
    if (n === written) return
    written = n
    void writeFile(path, JSON.stringify(totals)).catch(() => {})
  }, 1000)
  timer.unref()
}

function close(open: Open): void {
  const cpu = process.cpuUsage(open.cpu)
  const t = bucket(open.stage)
  t.cpuMs += (cpu.user + cpu.system) / 1000
  t.wallMs += performance.now() - open.wall
}

/** Runs one turn (one request) under the profile; stage `first` opens it. */
export function profiledTurn<T>(first: TurnStage, fn: () => Promise<T>): Promise<T> {
  if (!enabled) return fn()
  const open: Open = { stage: first, cpu: process.cpuUsage(), wall: performance.now() }
  return store.run(open, async () => {
    try {
      return await fn()
    } finally {
      close(open)
      totals.turns++
    }
  })
}

/** The current turn moves on to `stage`. */
export function mark(stage: TurnStage): void {
  if (!enabled) return
  const open = store.getStore()
  if (!open || open.stage === stage) return
  close(open)
  open.stage = stage
  open.cpu = process.cpuUsage()
  open.wall = performance.now()
}

/** One statement sent to the database (both engines call this). */
export function roundTrip(): void {
  if (!enabled) return
  bucket(store.getStore()?.stage ?? 'outside').trips++
}
