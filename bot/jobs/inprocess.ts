/** The embedded default: workers in this process poll the jobs table. No Redis needed. */
import * as store from './store.ts'
import { JobsBase } from './base.ts'
import type { EnqueueOptions, Jobs } from './types.ts'

const POLL_MS = 250

export class InProcessJobs extends JobsBase implements Jobs {
  readonly driver = 'inprocess' as const
  private timer: NodeJS.Timeout | null = null
  private running = false
  private sweeping: Promise<number> | null = null
  /** When releaseStale last ran: a worker that died (another process on the same PostgreSQL) is noticed within seconds. */
  private releasedAt = 0

  async enqueue<P>(name: string, payload: P, opts: EnqueueOptions = {}): Promise<number> {
    const { id } = await this.insert(name, payload, opts)
    // Inside a caller's transaction the row is not visible yet; the next poll finds it.
    if (this.running && !opts.db) setImmediate(() => void this.sweep().catch(() => {}))
    return id
  }

  async start(): Promise<void> {
    if (this.running) return
    this.running = true
    this.stopping = false
    await this.releaseStale()
    this.startHeartbeat()
    this.timer = setInterval(() => void this.sweep().catch((err) => this.deps.log.error({ err }, 'job poll failed')), POLL_MS)
  }

  async stop(): Promise<void> {
    this.stopping = true
    this.running = false
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.sweeping?.catch(() => {})
    await this.waitInFlight()
    this.stopHeartbeat()
  }

  /** Claim what is due (within each definition's concurrency) and run it in the background. */
  sweep(): Promise<number> {
    if (this.sweeping) return this.sweeping
    this.sweeping = this.claimAndRun().finally(() => (this.sweeping = null))
    return this.sweeping
  }

  private async claimAndRun(): Promise<number> {
    if (this.stopping || this.defs.size === 0) return 0
    if (Date.now() - this.releasedAt >= store.HEARTBEAT_MS) {
      this.releasedAt = Date.now()
      await this.releaseStale()
    }
    const free = 8 - this.inFlight.size
    if (free <= 0) return 0
    const jobs = await store.claimDue(this.deps.db, this.queues(), this.deps.clock.now(), free)
    for (const job of jobs) this.track(this.execute(job).then(() => undefined))
    return jobs.length
  }

  async health() {
    return { ok: true, detail: 'in-process' }
  }
}
