/** A PostgreSQL server through a `pg` pool; transactions take a dedicated client. */
import pg from 'pg'
import { roundTrip } from '../perf/turnProfile.ts'
import { INT8, NUMERIC, type Db, type OpenDbOptions, type QueryResult } from './client.ts'
import { type Listener, pgListener } from './listener.ts'

pg.types.setTypeParser(INT8, (v) => Number(v))
pg.types.setTypeParser(NUMERIC, (v) => Number(v))

type Runner = Pick<pg.Pool, 'query'>

/**
 * A transaction's connection that sends BEGIN only with the first statement, in the same
 * write (the clients run in pg's pipeline mode, so the statement does not wait for BEGIN's
 * answer): one round trip less per transaction. Every socket write and read is a system
 * call, and on a loaded 2-core host those were the largest single cost of a turn (issue 19).
 */
function lazyBegin(client: pg.PoolClient) {
  let begun = false
  const query = (config: string | pg.QueryConfig): Promise<pg.QueryResult> => {
    if (begun) return client.query(config)
    begun = true
    // Connection.stream is pg's socket; corked, both statements leave in one write.
    const stream = (client as unknown as { connection?: { stream?: { cork?(): void; uncork?(): void } } }).connection?.stream
    stream?.cork?.()
    try {
      const begin = client.query('BEGIN')
      const first = client.query(config)
      return Promise.all([begin, first]).then(([, r]) => r)
    } finally {
      stream?.uncork?.()
    }
  }
  return { query: query as pg.PoolClient['query'], begun: () => begun }
}

/**
 * Statements with parameters run as named prepared statements: each connection parses and
 * analyses one once instead of on every call (the server's CPU per turn, issue 19). Not
 * `select *` / `returning *` (a column added by a migration would make a prepared one fail
 * with "cached plan must not change result type" on replicas still running), nor long
 * statements (the search: planned per call for its values). Names are capped, so generated
 * SQL cannot grow every connection's statement cache without bound.
 */
const MAX_PREPARED = 500
const MAX_PREPARED_CHARS = 1500
const prepared = new Map<string, string>()
const STAR = /(select|returning)\s+(distinct\s+)?\*|\w\.\*/i

function statementName(sql: string): string | undefined {
  const name = prepared.get(sql)
  if (name || prepared.size >= MAX_PREPARED || sql.length > MAX_PREPARED_CHARS || STAR.test(sql)) return name
  const fresh = `k${prepared.size}`
  prepared.set(sql, fresh)
  return fresh
}

/** Shared by a transaction and its savepoints. */
type TxState = { rolledBack: number }

function wrap(runner: Runner, pool: pg.Pool, listener: Listener, depth: number, state: TxState = { rolledBack: 0 }): Db {
  const run = (sql: string, params?: unknown[]) => {
    roundTrip()
    if (!params?.length) return runner.query(sql)
    return runner.query({ text: sql, values: params as any[], name: statementName(sql) })
  }
  return {
    kind: 'postgres',
    key: pool,
    get rolledBack() {
      return state.rolledBack
    },
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const r = await run(sql, params)
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length }
    },
    async exec(sql: string) {
      await run(sql)
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      if (depth > 0) {
        const sp = `sp_${depth}`
        await run(`SAVEPOINT ${sp}`)
        try {
          const out = await fn(wrap(runner, pool, listener, depth + 1, state))
          await run(`RELEASE SAVEPOINT ${sp}`)
          return out
        } catch (err) {
          state.rolledBack++
          await run(`ROLLBACK TO SAVEPOINT ${sp}`)
          throw err
        }
      }
      const client = await pool.connect()
      // The pool stops listening to a client it hands out: without a listener, a connection
      // lost mid-transaction (the server stopped) is an uncaught 'error' event that ends the
      // process. The query in flight rejects with the same error, so nothing is hidden.
      const lost = () => {}
      client.on('error', lost)
      const tx = lazyBegin(client)
      try {
        const out = await fn(wrap(tx, pool, listener, 1, { rolledBack: 0 }))
        // Nothing was asked: nothing was begun, nothing to commit.
        if (tx.begun()) {
          roundTrip()
          await client.query('COMMIT')
        }
        return out
      } catch (err) {
        if (tx.begun()) await client.query('ROLLBACK').catch(() => {})
        throw err
      } finally {
        client.off('error', lost)
        client.release()
      }
    },
    listen: (channel, onSignal) => listener.listen(channel, onSignal),
    async close() {
      if (depth > 0) return
      await listener.close()
      await pool.end()
    },
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function openPostgres(opts: OpenDbOptions): Promise<Db> {
  const connection = { connectionString: opts.url, options: opts.schema ? `-c search_path=${opts.schema},public` : undefined }
  // Pipeline mode: a statement is sent without waiting for the one before it to be answered
  // (lazyBegin relies on it); awaited one at a time, statements behave as without it.
  const pool = new pg.Pool({ ...connection, max: opts.poolSize ?? 10, pipeline: true })
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', (err) => opts.log?.warn({ err }, 'idle database connection lost'))
  const attempts = (opts.retries ?? 0) + 1
  for (let i = 1; ; i++) {
    try {
      await pool.query('select 1')
      break
    } catch (err) {
      if (i >= attempts) {
        await pool.end().catch(() => {})
        throw new Error(`database unreachable after ${attempts} attempt(s): ${(err as Error).message}`)
      }
      opts.log?.warn({ attempt: i, of: attempts, err: (err as Error).message }, 'database not reachable yet; retrying')
      await sleep(2000)
    }
  }
  return wrap(pool, pool, pgListener(connection, opts.log), 0)
}
