import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../../bot/clock.ts'
import type { Db } from '../../bot/db/client.ts'
import { RetryLater, UnrecoverableError } from '../../bot/jobs/types.ts'
import { LOCK_MS } from '../../bot/jobs/store.ts'
import { testDb, testRuntime, type DbKind } from '../support/services.ts'

type Driver = { kind: DbKind; redis: boolean }
const DRIVERS: Driver[] = [
  { kind: 'pglite', redis: false },
  { kind: 'postgres', redis: false },
  { kind: 'postgres', redis: true },
  { kind: 'pglite', redis: true },
]

const jobRow = async (db: Db, id: number) => (await db.query<any>('select * from jobs where id = $1', [id])).rows[0]

describe.each(DRIVERS)('jobs on $kind, redis=$redis', ({ kind, redis }) => {
  const cleanup: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn()
  })

  async function setup(db?: Db, clock = new ManualClock(new Date('2026-11-23T08:00:00Z'))) {
    const rt = await testRuntime(kind, { redis, clock, db })
    cleanup.push(() => rt.close())
    return { rt, clock }
  }

  it('runs a job now, and a scheduled one only when it is due', async () => {
    const { rt, clock } = await setup()
    const seen: string[] = []
    rt.jobs.define('note', async (p: { v: string }) => void seen.push(p.v))
    await rt.jobs.start()
    await rt.jobs.enqueue('note', { v: 'now' })
    const later = await rt.jobs.enqueue('note', { v: 'later' }, { delayMs: 60_000 })
    await rt.jobs.drain()
    expect(seen).toEqual(['now'])
    expect((await jobRow(rt.db, later)).status).toBe('pending')
    clock.advance(61_000)
    await rt.jobs.drain()
    expect(seen).toEqual(['now', 'later'])
  })

  it('retries with exponential backoff, then gives up; unrecoverable errors do not retry', async () => {
    const { rt, clock } = await setup()
    let calls = 0
    rt.jobs.define('flaky', async () => {
      calls++
      throw new Error(`fail ${calls}`)
    })
    rt.jobs.define('fatal', async () => {
      throw new UnrecoverableError('bad payload')
    })
    await rt.jobs.start()
    const id = await rt.jobs.enqueue('flaky', {}, { maxAttempts: 3, backoffMs: 1000 })
    await rt.jobs.drain()
    let row = await jobRow(rt.db, id)
    expect(row.status).toBe('pending')
    expect(new Date(row.run_at).getTime() - clock.now().getTime()).toBe(1000)
    clock.advance(1000)
    await rt.jobs.drain()
    row = await jobRow(rt.db, id)
    expect(new Date(row.run_at).getTime() - clock.now().getTime()).toBe(2000) // doubled
    clock.advance(2000)
    await rt.jobs.drain()
    row = await jobRow(rt.db, id)
    expect(calls).toBe(3)
    expect(row.status).toBe('failed')
    expect(row.last_error).toContain('fail 3')

    const fatal = await rt.jobs.enqueue('fatal', {})
    await rt.jobs.drain()
    expect(await jobRow(rt.db, fatal)).toMatchObject({ status: 'failed', attempts: 1 })
  })

  it('runs a deferred job (RetryLater) when it was told to, twice over, without spending attempts', async () => {
    const { rt, clock } = await setup()
    let calls = 0
    rt.jobs.define('rate-limited', async () => {
      if (++calls <= 2) throw new RetryLater(60_000, 'platform said: retry after 60 s')
    })
    await rt.jobs.start()
    const id = await rt.jobs.enqueue('rate-limited', {}, { maxAttempts: 1 })
    for (const expected of [1, 2]) {
      await rt.jobs.drain()
      expect(calls).toBe(expected)
      const row = await jobRow(rt.db, id)
      expect(row).toMatchObject({ status: 'pending', attempts: 0, last_error: 'platform said: retry after 60 s' })
      expect(new Date(row.run_at).getTime() - clock.now().getTime()).toBe(60_000)
      clock.advance(59_000)
      await rt.jobs.drain()
      expect(calls).toBe(expected) // not a second early
      clock.advance(1_000)
    }
    await rt.jobs.drain()
    expect(calls).toBe(3)
    expect((await jobRow(rt.db, id)).status).toBe('done')
  })

  it('repeats a job and keeps one live job per dedupe key', async () => {
    const { rt, clock } = await setup()
    let runs = 0
    rt.jobs.define('tick', async () => void runs++)
    await rt.jobs.start()
    const a = await rt.jobs.enqueue('tick', {}, { repeatEveryMs: 10_000, dedupeKey: 'tick' })
    const b = await rt.jobs.enqueue('tick', {}, { repeatEveryMs: 10_000, dedupeKey: 'tick' })
    expect(b).toBe(a)
    await rt.jobs.drain()
    expect(runs).toBe(1)
    clock.advance(10_000)
    await rt.jobs.drain()
    expect(runs).toBe(2)
    expect((await jobRow(rt.db, a)).status).toBe('pending')
  })

  it('loses no due job across a restart, including one a crashed worker held', async () => {
    const db = await testDb(kind)
    cleanup.push(() => db.close())
    const clock = new ManualClock(new Date('2026-11-23T08:00:00Z'))
    // First process: enqueues, then stops before anything runs (no workers started).
    const first = await setup(db, clock)
    first.rt.jobs.define('work', async () => {})
    const due = await first.rt.jobs.enqueue('work', { n: 1 }, { delayMs: 5000 })
    const held = await first.rt.jobs.enqueue('work', { n: 2 })
    // Simulate a worker that claimed `held` and died mid-run.
    await db.query(`update jobs set status = 'running', attempts = 1, locked_until = $2 where id = $1`, [held, new Date(clock.now().getTime() + LOCK_MS)])
    await first.rt.jobs.stop()
    if (redis) {
      // The Redis side may be gone too (flushed, failed over): PostgreSQL still knows.
      const { Redis } = await import('ioredis')
      const r = new Redis(process.env.TEST_REDIS_URL!)
      await r.flushdb()
      r.disconnect()
    }
    // Second process, later: both jobs run.
    const ran: number[] = []
    const second = await setup(db, clock)
    second.rt.jobs.define('work', async (p: { n: number }) => void ran.push(p.n))
    clock.advance(LOCK_MS + 1000)
    await second.rt.jobs.start()
    await second.rt.jobs.drain()
    expect(ran.sort()).toEqual([1, 2])
    expect((await jobRow(db, due)).status).toBe('done')
    expect((await jobRow(db, held)).status).toBe('done')
  })

  it('commits a job with the transaction that enqueued it, and not without', async () => {
    const { rt } = await setup()
    const ran: string[] = []
    rt.jobs.define('after', async (p: { v: string }) => void ran.push(p.v))
    await rt.jobs.start()
    await rt.db.transaction(async (tx) => {
      await rt.jobs.enqueue('after', { v: 'kept' }, { db: tx })
    })
    await rt.db
      .transaction(async (tx) => {
        await rt.jobs.enqueue('after', { v: 'dropped' }, { db: tx })
        throw new Error('rollback')
      })
      .catch(() => {})
    await rt.jobs.drain()
    expect(ran).toEqual(['kept'])
  })
})
