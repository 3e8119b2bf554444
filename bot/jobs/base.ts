/**
 * What both drivers share: the registry of handlers, running one claimed job (complete,
 * retry with backoff, or give up), and waiting for in-flight work on shutdown.
 */
import type { Logger } from 'pino'
import type { Clock } from '../clock.ts'
import type { Db } from '../db/client.ts'
import * as store from './store.ts'
import { RetryLater, UnrecoverableError, type EnqueueOptions, type JobDefinition, type JobHandler, type JobRecord } from './types.ts'

export interface JobsDeps {
  db: Db
  log: Logger
  clock: Clock
}

export abstract class JobsBase {
  protected readonly defs = new Map<string, JobDefinition>()
  protected readonly inFlight = new Set<Promise<void>>()
  /** Ids of the jobs running in this process, whose locks the heartbeat renews. */
  private readonly runningJobs = new Set<number>()
  private heartbeat: NodeJS.Timeout | null = null
  protected stopping = false

  constructor(protected readonly deps: JobsDeps) {}

  /** Renew the locks of this process's running jobs until stopHeartbeat (a worker that stops renewing is presumed dead). */
  protected startHeartbeat(): void {
    if (this.heartbeat) return
    this.heartbeat = setInterval(() => {
      store.renewLocks(this.deps.db, [...this.runningJobs], this.deps.clock.now()).catch((err) => this.deps.log.warn({ err }, 'job lock renewal failed'))
    }, store.HEARTBEAT_MS)
    this.heartbeat.unref()
  }

  /** Release the jobs of dead workers (this process's own running jobs are alive by definition). */
  protected releaseStale(): Promise<number> {
    return store.releaseStale(this.deps.db, this.deps.clock.now(), [...this.runningJobs])
  }

  protected stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat)
    this.heartbeat = null
  }

  define<P>(name: string, handler: JobHandler<P>, opts: { queue?: string; concurrency?: number } = {}): void {
    this.defs.set(name, { handler, queue: opts.queue ?? 'default', concurrency: opts.concurrency ?? 4 })
  }

  protected queueOf(name: string): string {
    return this.defs.get(name)?.queue ?? 'default'
  }

  protected queues(): string[] {
    return [...new Set([...this.defs.values()].map((d) => d.queue))]
  }

  protected async insert(name: string, payload: unknown, opts: EnqueueOptions) {
    return store.insertJob(opts.db ?? this.deps.db, this.deps.clock.now(), this.queueOf(name), name, payload, opts)
  }

  async cancel(id: number): Promise<void> {
    await store.cancelJob(this.deps.db, id)
  }

  /** Run a claimed job and record the outcome. Returns the next run time when it was rescheduled. */
  protected async execute(job: JobRecord): Promise<Date | null> {
    const def = this.defs.get(job.name)
    const log = this.deps.log.child({ job: job.id, jobName: job.name, attempt: job.attempts })
    const { db, clock } = this.deps
    if (!def) {
      await store.failJob(db, job.id, clock.now(), `no handler for job "${job.name}"`, false)
      log.error('no handler for job')
      return null
    }
    this.runningJobs.add(job.id)
    try {
      await def.handler(job.payload, { ...job, log })
      await store.completeJob(db, job.id, clock.now())
      return null
    } catch (err) {
      if (err instanceof RetryLater) {
        log.info({ reason: err.message, delayMs: err.delayMs }, 'job deferred')
        return store.deferJob(db, job.id, clock.now(), new Date(clock.now().getTime() + err.delayMs), err.message)
      }
      const retry = !(err instanceof UnrecoverableError)
      const next = await store.failJob(db, job.id, clock.now(), String((err as Error)?.stack ?? err), retry)
      log.warn({ err: (err as Error)?.message, retryAt: next }, next ? 'job failed; will retry' : 'job failed for good')
      return next
    } finally {
      this.runningJobs.delete(job.id)
    }
  }

  protected track(p: Promise<void>): void {
    this.inFlight.add(p)
    p.finally(() => this.inFlight.delete(p))
  }

  protected async waitInFlight(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight])
  }

  async drain(timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs
    for (;;) {
      await this.sweep()
      await this.waitInFlight()
      const active = await store.countActive(this.deps.db, this.queues(), this.deps.clock.now())
      if (active === 0 && this.inFlight.size === 0) return
      if (Date.now() > until) throw new Error(`jobs still active after ${timeoutMs} ms`)
      await new Promise((r) => setTimeout(r, 25))
    }
  }

  abstract sweep(): Promise<number>
}
