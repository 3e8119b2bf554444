/**
 * BullMQ on Redis: Redis only carries wake-ups ("job 42 is due"); the job itself lives
 * in PostgreSQL. A lost Redis therefore loses nothing: rows stay pending and the sweeper
 * hands them to BullMQ again once Redis is back.
 */
import { Queue, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import * as store from './store.ts'
import { JobsBase, type JobsDeps } from './base.ts'
import type { EnqueueOptions, Jobs } from './types.ts'

const SWEEP_MS = 2000
const PUSH_TIMEOUT_MS = 1500
/**
 * After a push failed, pushes are skipped this long: the rows wait in PostgreSQL and the
 * sweeper hands them to BullMQ once Redis answers again. Without it every enqueue of a turn
 * waited out its own timeout, and a web-chat reply took seconds while Redis was down.
 */
const SKIP_AFTER_FAILURE_MS = 2000

export interface BullJobsOptions {
  redisUrl: string
  prefix: string
  /** Run workers here (false for a web process when `kefu worker` consumes). */
  consume: boolean
}

export class BullJobs extends JobsBase implements Jobs {
  readonly driver = 'bullmq' as const
  private readonly queuesByName = new Map<string, { queue: Queue; conn: Redis }>()
  private readonly workers: Worker[] = []
  private readonly probe: Redis
  private timer: NodeJS.Timeout | null = null
  private sweeping: Promise<number> | null = null
  /** Wall-clock time until which pushes are skipped (Redis just failed one). */
  private skipPushesUntil = 0

  constructor(
    deps: JobsDeps,
    private readonly opts: BullJobsOptions,
  ) {
    super(deps)
    // Health probe and producers fail fast when Redis is down instead of queueing in memory.
    this.probe = new Redis(opts.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true })
    this.probe.on('error', () => {})
  }

  private readonly connections: Redis[] = []

  /** BullMQ takes ioredis connections; we own them so stop() can close every one. */
  private connect(options: { maxRetriesPerRequest: number | null }): Redis {
    const conn = new Redis(this.opts.redisUrl, options)
    conn.on('error', () => {}) // reconnects by itself; health() reports the outage
    this.connections.push(conn)
    return conn
  }

  private queue(name: string): Queue {
    let entry = this.queuesByName.get(name)
    if (!entry) {
      const conn = this.connect({ maxRetriesPerRequest: 1 })
      const queue = new Queue(name, { prefix: this.opts.prefix, connection: conn, skipWaitingForReady: true })
      queue.on('error', () => {}) // surfaced through health(); rows wait in PostgreSQL
      entry = { queue, conn }
      this.queuesByName.set(name, entry)
    }
    return entry.queue
  }

  /** After a failed push, start the producer afresh: a connection that lived through an outage can stay wedged. */
  private dropQueue(name: string): void {
    const entry = this.queuesByName.get(name)
    if (!entry) return
    this.queuesByName.delete(name)
    this.connections.splice(this.connections.indexOf(entry.conn), 1)
    void entry.queue.close().catch(() => {})
    entry.conn.disconnect()
  }

  /** Tell BullMQ a row is (or will be) due. Failure is fine: the sweeper retries. */
  private async push(id: number, attempts: number, queue: string, runAt: Date, tag = ''): Promise<void> {
    const delay = Math.max(0, runAt.getTime() - this.deps.clock.now().getTime())
    if (Date.now() < this.skipPushesUntil) return
    try {
      // The jobId makes repeated announcements of the same attempt collapse into one.
      const jobId = `${id}-${attempts}${tag}`
      // Producers must not hang on a lost Redis: give up quickly, the row stays pending.
      const added = this.queue(queue).add('run', { id }, { jobId, delay, removeOnComplete: true, removeOnFail: 1000 })
      added.catch(() => {})
      await Promise.race([added, new Promise((_, reject) => setTimeout(() => reject(new Error('redis timeout')), PUSH_TIMEOUT_MS).unref())])
    } catch (err) {
      this.skipPushesUntil = Date.now() + SKIP_AFTER_FAILURE_MS
      this.dropQueue(queue)
      this.deps.log.warn({ job: id, err: (err as Error).message }, 'redis unavailable; job kept in PostgreSQL')
    }
  }

  async enqueue<P>(name: string, payload: P, opts: EnqueueOptions = {}): Promise<number> {
    const { id, runAt, created } = await this.insert(name, payload, opts)
    // Inside a transaction the worker might look before commit; the sweeper covers that case.
    // The caller does not wait for Redis: the row is the job, the push only a wake-up, and a
    // push to a Redis that just went away waits out PUSH_TIMEOUT_MS (a web-chat reply took 1.1 s).
    if (created) this.track(this.push(id, 0, this.queueOf(name), runAt))
    return id
  }

  async start(): Promise<void> {
    this.stopping = false
    if (this.opts.consume) {
      for (const q of this.queues()) {
        const concurrency = Math.max(...[...this.defs.values()].filter((d) => d.queue === q).map((d) => d.concurrency))
        const worker = new Worker(q, async (bj) => this.runOne(bj.data.id), {
          prefix: this.opts.prefix,
          connection: this.connect({ maxRetriesPerRequest: null }),
          concurrency,
          // Only a wake-up lives in Redis (the jobs table's lock is what counts), but a dead
          // worker's wake-up should come back in seconds too; BullMQ renews it for long jobs.
          lockDuration: store.LOCK_MS,
          stalledInterval: store.LOCK_MS / 2,
        })
        worker.on('error', (err) => this.deps.log.warn({ err: err.message }, 'bullmq worker error'))
        this.workers.push(worker)
      }
    }
    if (this.opts.consume) this.startHeartbeat()
    await this.sweep().catch(() => 0)
    this.timer = setInterval(() => void this.sweep().catch(() => 0), SWEEP_MS)
  }

  private async runOne(id: number): Promise<void> {
    if (this.stopping) throw new Error('shutting down') // BullMQ hands it to another worker
    const p = (async () => {
      const job = await store.claimJob(this.deps.db, id, this.deps.clock.now())
      if (!job) return // done already, not due yet, or held by another worker
      const next = await this.execute(job)
      // Named by the time too: a deferred job (RetryLater) keeps its attempt count, and its
      // next announcement must not collapse into the one running now.
      if (next) await this.push(job.id, job.attempts, job.queue, next, `-at${next.getTime()}`)
    })()
    this.track(p)
    await p
  }

  /** Release jobs of dead workers and re-announce every due row (idempotent by jobId). */
  sweep(): Promise<number> {
    if (this.sweeping) return this.sweeping
    this.sweeping = (async () => {
      const now = this.deps.clock.now()
      await this.releaseStale()
      const due = await store.dueJobs(this.deps.db, this.queues(), now)
      const attempts = await this.deps.db.query<{ id: number; attempts: number }>('select id, attempts from jobs where id = any($1)', [due.map((d) => d.id)])
      const byId = new Map(attempts.rows.map((r) => [r.id, r.attempts]))
      // A separate id from the delayed announcement: if that one still waits in Redis
      // (clock moved, Redis restored from an old snapshot), this one runs the job now.
      for (const d of due) await this.push(d.id, byId.get(d.id) ?? 0, d.queue, new Date(d.run_at), '-due')
      return due.length
    })().finally(() => (this.sweeping = null))
    return this.sweeping
  }

  async stop(): Promise<void> {
    this.stopping = true
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.sweeping?.catch(() => {})
    await Promise.allSettled(this.workers.map((w) => w.close()))
    await this.waitInFlight()
    this.stopHeartbeat()
    await Promise.allSettled([...this.queuesByName.values()].map((e) => e.queue.close()))
    this.probe.disconnect()
    for (const c of this.connections) c.disconnect()
  }

  async health() {
    try {
      if (this.probe.status === 'wait' || this.probe.status === 'end') await this.probe.connect().catch(() => {})
      const pong = await Promise.race([this.probe.ping(), new Promise<string>((_, rej) => setTimeout(() => rej(new Error('timeout')), 1000))])
      return { ok: pong === 'PONG', detail: 'redis' }
    } catch (err) {
      return { ok: false, detail: `redis unreachable: ${(err as Error).message}` }
    }
  }
}
