/**
 * The job table's commands. Both drivers claim, complete and fail jobs here, so retry,
 * backoff, repetition and crash recovery behave the same whichever wakes the worker.
 */
import { z } from 'zod'
import type { Db } from '../db/client.ts'
import { at, int, jsonb } from '../db/columns.ts'
import type { EnqueueOptions, JobRecord } from './types.ts'

/**
 * A running job whose worker vanished is handed out again after this long. The worker renews
 * the lock of every job it runs each HEARTBEAT_MS (renewLocks), so a long job keeps it, and a
 * SIGKILLed worker's jobs run again within seconds — not minutes, with the customers' next
 * replies waiting behind them.
 */
export const LOCK_MS = 10_000
export const HEARTBEAT_MS = 2_000

// The payload stays unknown here: only the job's handler knows its shape.
const jobRow = z.object({ id: int, queue: z.string(), name: z.string(), payload: jsonb(z.unknown()), attempts: int, max_attempts: int, run_at: at })

function toRecord(row: unknown): JobRecord {
  const r = jobRow.parse(row)
  return { id: r.id, queue: r.queue, name: r.name, payload: r.payload, attempts: r.attempts, maxAttempts: r.max_attempts, runAt: r.run_at }
}

export async function insertJob(
  db: Db,
  now: Date,
  queue: string,
  name: string,
  payload: unknown,
  o: EnqueueOptions,
): Promise<{ id: number; runAt: Date; created: boolean }> {
  const runAt = o.runAt ?? new Date(now.getTime() + (o.delayMs ?? 0))
  const params = [queue, name, JSON.stringify(payload ?? {}), runAt, o.maxAttempts ?? 5, o.backoffMs ?? 1000, o.repeatEveryMs ?? null, o.dedupeKey ?? null]
  const inserted = await db.query<{ id: number }>(
    `insert into jobs (queue, name, payload, run_at, max_attempts, backoff_ms, repeat_every_ms, dedupe_key)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (dedupe_key) do nothing returning id`,
    params,
  )
  if (inserted.rows[0]) return { id: inserted.rows[0].id, runAt, created: true }
  const existing = await db.query<{ id: number; run_at: Date }>('select id, run_at from jobs where dedupe_key = $1', [o.dedupeKey])
  return { id: existing.rows[0]!.id, runAt: new Date(existing.rows[0]!.run_at), created: false }
}

/** Claim one job by id, if it is due and nobody holds it. */
export async function claimJob(db: Db, id: number, now: Date): Promise<JobRecord | null> {
  const r = await db.query(
    `update jobs set status = 'running', attempts = attempts + 1, locked_until = $2, updated_at = $3
     where id = $1 and status = 'pending' and run_at <= $3 returning *`,
    [id, new Date(now.getTime() + LOCK_MS), now],
  )
  return r.rows[0] ? toRecord(r.rows[0]) : null
}

/** Claim up to `limit` due jobs of these queues; SKIP LOCKED lets several pollers share the table. */
export async function claimDue(db: Db, queues: string[], now: Date, limit: number): Promise<JobRecord[]> {
  const r = await db.query(
    `update jobs set status = 'running', attempts = attempts + 1, locked_until = $3, updated_at = $2
     where id in (select id from jobs where status = 'pending' and run_at <= $2 and queue = any($1)
                  order by run_at, id limit $4 for update skip locked)
     returning *`,
    [queues, now, new Date(now.getTime() + LOCK_MS), limit],
  )
  return r.rows.map(toRecord)
}

export async function completeJob(db: Db, id: number, now: Date): Promise<void> {
  // A repeating job goes back to pending for its next run; any other job is done.
  await db.query(
    `update jobs set
       status = case when repeat_every_ms is null then 'done' else 'pending' end,
       run_at = case when repeat_every_ms is null then run_at else $2::timestamptz + repeat_every_ms * interval '1 millisecond' end,
       attempts = case when repeat_every_ms is null then attempts else 0 end,
       dedupe_key = case when repeat_every_ms is null then null else dedupe_key end,
       locked_until = null, last_error = null, updated_at = $2
     where id = $1`,
    [id, now],
  )
}

/** Record a failure: retry later with exponential backoff, or give up. Returns the next run, if any. */
export async function failJob(db: Db, id: number, now: Date, error: string, retry: boolean): Promise<Date | null> {
  const r = await db.query<{ status: string; run_at: Date }>(
    `update jobs set
       status = case when $4 and attempts < max_attempts then 'pending' else 'failed' end,
       run_at = case when $4 and attempts < max_attempts
                     then $2::timestamptz + (backoff_ms * power(2, attempts - 1)) * interval '1 millisecond'
                     else run_at end,
       dedupe_key = case when $4 and attempts < max_attempts then dedupe_key else null end,
       locked_until = null, last_error = $3, updated_at = $2
     where id = $1 returning status, run_at`,
    [id, now, error.slice(0, 2000), retry],
  )
  const row = r.rows[0]
  return row && row.status === 'pending' ? new Date(row.run_at) : null
}

/** Run again at `runAt`, as if this attempt had not happened (RetryLater). */
export async function deferJob(db: Db, id: number, now: Date, runAt: Date, reason: string): Promise<Date> {
  await db.query(
    `update jobs set status = 'pending', run_at = $3, attempts = greatest(attempts - 1, 0), locked_until = null, last_error = $4, updated_at = $2
      where id = $1`,
    [id, now, runAt, reason.slice(0, 2000)],
  )
  return runAt
}

/** Still running here: push the locks of these jobs forward. */
export async function renewLocks(db: Db, ids: number[], now: Date): Promise<void> {
  if (ids.length === 0) return
  await db.query(`update jobs set locked_until = $2 where id = any($1) and status = 'running'`, [ids, new Date(now.getTime() + LOCK_MS)])
}

/**
 * Jobs whose worker died while running them become pending again — never one this process is
 * running itself (`own`): a long synchronous stretch can delay its renewal past the lock.
 */
export async function releaseStale(db: Db, now: Date, own: number[] = []): Promise<number> {
  const r = await db.query(
    `update jobs set status = 'pending', locked_until = null, updated_at = $1
     where status = 'running' and locked_until < $1 and not (id = any($2))`,
    [now, own],
  )
  return r.rowCount
}

export async function dueJobs(db: Db, queues: string[], now: Date, limit = 500): Promise<{ id: number; queue: string; run_at: Date }[]> {
  const r = await db.query(
    `select id, queue, run_at from jobs where status = 'pending' and run_at <= $2 and queue = any($1)
     order by run_at, id limit $3`,
    [queues, now, limit],
  )
  return r.rows
}

export async function countActive(db: Db, queues: string[], now: Date): Promise<number> {
  const r = await db.query<{ n: number }>(
    `select count(*)::int as n from jobs where queue = any($1)
       and (status = 'running' or (status = 'pending' and run_at <= $2))`,
    [queues, now],
  )
  return r.rows[0]!.n
}

export async function cancelJob(db: Db, id: number): Promise<void> {
  await db.query(`update jobs set status = 'cancelled', dedupe_key = null where id = $1 and status in ('pending', 'failed')`, [id])
}
