import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../bot/db/client.ts'
import { listMigrations, migrate } from '../../bot/db/migrate.ts'
import { DB_KINDS, testDb } from '../support/services.ts'

describe.each(DB_KINDS)('database on %s', (kind) => {
  let db: Db
  beforeAll(async () => {
    db = await testDb(kind)
  })
  afterAll(async () => db?.close())

  it('has applied every migration, and applying again changes nothing', async () => {
    const r = await db.query<{ version: number }>('select version from schema_migrations order by version')
    expect(r.rows.map((x) => x.version)).toEqual(listMigrations().map((m) => m.version))
    expect((await migrate(db)).applied).toEqual([])
  })

  it('returns int8 and numeric as numbers, jsonb as objects, timestamps as dates', async () => {
    const r = await db.query<any>(`select 9007199254::int8 as big, 1.5::numeric as num, '{"a":[1]}'::jsonb as j, now() as t`)
    expect(r.rows[0]).toMatchObject({ big: 9007199254, num: 1.5, j: { a: [1] } })
    expect(r.rows[0].t).toBeInstanceOf(Date)
  })

  it('rolls back a failed transaction and a failed savepoint only', async () => {
    await db.exec('create table tx_probe (v int)')
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into tx_probe values (1)')
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    await db.transaction(async (tx) => {
      await tx.query('insert into tx_probe values (2)')
      await tx
        .transaction(async (inner) => {
          await inner.query('insert into tx_probe values (3)')
          throw new Error('inner')
        })
        .catch(() => {})
    })
    const r = await db.query<{ v: number }>('select v from tx_probe order by v')
    expect(r.rows.map((x) => x.v)).toEqual([2])
  })

  // On PostgreSQL, BEGIN goes out with a transaction's first statement (bot/db/postgres.ts).
  it('runs the first statement inside the transaction, even when it fails or others run beside it', async () => {
    const ids = await db.transaction(async (tx) => {
      const first = await tx.query<{ id: string }>('select txid_current()::text as id')
      const beside = await Promise.all([1, 2, 3].map(() => tx.query<{ id: string }>('select txid_current()::text as id')))
      return [first, ...beside].map((r) => r.rows[0]!.id)
    })
    expect(new Set(ids).size).toBe(1)
    // More failing first statements than the pool has connections: each one goes back usable.
    for (let i = 0; i < 12; i++) await expect(db.transaction((tx) => tx.query('select * from no_such_table'))).rejects.toThrow(/no_such_table/)
    await db.exec('create table tx_first (v int primary key)')
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into tx_first values (1)')
        await tx.query('insert into tx_first values (1)')
      }),
    ).rejects.toThrow(/duplicate key/)
    expect((await db.query('select v from tx_first')).rows).toEqual([])
    // A transaction that asks nothing still returns, and counts rolled-back savepoints for its callers.
    expect(await db.transaction(async () => 'nothing asked')).toBe('nothing asked')
    const rolledBack = await db.transaction(async (tx) => {
      await tx.transaction(async () => Promise.reject(new Error('undo'))).catch(() => {})
      return tx.rolledBack
    })
    expect(rolledBack).toBe(1)
  })

  it('runs pgvector with an HNSW index', async () => {
    await db.exec(`create table vec_probe (id int, e vector(3));
      create index on vec_probe using hnsw (e vector_cosine_ops);
      insert into vec_probe values (1, '[1,0,0]'), (2, '[0,1,0]'), (3, '[0.9,0.1,0]');`)
    const r = await db.query<{ id: number }>(`select id from vec_probe order by e <=> '[1,0,0]' limit 2`)
    expect(r.rows.map((x) => x.id)).toEqual([1, 3])
  })

  it('signals a listener when listening starts and on each NOTIFY, after the commit', async () => {
    let signals = 0
    const listening = db.listen('kefu_probe', () => signals++)
    await expect.poll(() => listening.live).toBe(true)
    expect(signals).toBe(1)
    await db.transaction(async (tx) => {
      await tx.query(`select pg_notify('kefu_probe', 'x')`)
      await new Promise((r) => setTimeout(r, 50))
      expect(signals).toBe(1) // not before the commit
    })
    await expect.poll(() => signals).toBe(2)
    if (kind === 'postgres') {
      // The listening connection is lost: not live until it is back, then signalled again
      // (notifications sent meanwhile are gone, so whoever caches must re-read).
      await db.query(`select pg_terminate_backend(pid) from pg_stat_activity where query = 'listen kefu_probe' and pid <> pg_backend_pid()`)
      await expect.poll(() => listening.live).toBe(false)
      await expect.poll(() => listening.live, { timeout: 5000 }).toBe(true)
      expect(signals).toBe(3)
      await db.query(`select pg_notify('kefu_probe', 'y')`)
      await expect.poll(() => signals).toBe(4)
    }
  })

  it('serialises concurrent migrations with the advisory lock', async () => {
    const results = await Promise.all([migrate(db), migrate(db), migrate(db)])
    expect(results.flatMap((r) => r.applied)).toEqual([])
  })
})
