/** One job interface, two drivers (in-process poller, BullMQ on Redis); PostgreSQL holds the truth. */
import type { Logger } from 'pino'
import type { Db } from '../db/client.ts'

export interface EnqueueOptions {
  /** Run at this moment (default: now). */
  runAt?: Date
  delayMs?: number
  maxAttempts?: number
  /** First retry waits this long; each further retry doubles it. */
  backoffMs?: number
  /** Run again this long after each completion. */
  repeatEveryMs?: number
  /** At most one live job per key: a second enqueue with the key returns the first job. */
  dedupeKey?: string
  /** Enqueue inside this transaction, so the job exists exactly when the change commits. */
  db?: Db
}

export interface JobRecord<P = any> {
  id: number
  queue: string
  name: string
  payload: P
  attempts: number
  maxAttempts: number
  runAt: Date
}

export type JobHandler<P = any> = (payload: P, job: JobRecord<P> & { log: Logger }) => Promise<void>

export interface JobDefinition {
  handler: JobHandler
  queue: string
  concurrency: number
}

export interface Jobs {
  readonly driver: 'inprocess' | 'bullmq'
  define<P>(name: string, handler: JobHandler<P>, opts?: { queue?: string; concurrency?: number }): void
  enqueue<P>(name: string, payload: P, opts?: EnqueueOptions): Promise<number>
  cancel(id: number): Promise<void>
  /** Start consuming (workers). Producers work without it. */
  start(): Promise<void>
  /** Stop taking new jobs and wait for running ones. */
  stop(): Promise<void>
  /** Hand every due job to the workers now (tests with a manual clock; the driver also does this on a timer). */
  sweep(): Promise<number>
  /** Resolve once no due job is pending or running (tests). */
  drain(timeoutMs?: number): Promise<void>
  health(): Promise<{ ok: boolean; detail: string }>
}

/** Throw from a handler to fail the job without retrying it. */
export class UnrecoverableError extends Error {
  override name = 'UnrecoverableError'
}

/**
 * Throw from a handler to run the job again at a moment someone else named (a platform's
 * "retry after N seconds"): not a failure, so it spends no attempt and no backoff, and the
 * wait is a row in `jobs`, not a worker asleep — other jobs run meanwhile.
 */
export class RetryLater extends Error {
  override name = 'RetryLater'
  constructor(
    readonly delayMs: number,
    message: string,
  ) {
    super(message)
  }
}
