/** A PostgreSQL server through a `pg` pool; transactions take a dedicated client. */
import pg from 'pg'
import { INT8, NUMERIC, type Db, type OpenDbOptions, type QueryResult } from './client.ts'

pg.types.setTypeParser(INT8, (v) => Number(v))
pg.types.setTypeParser(NUMERIC, (v) => Number(v))

type Runner = Pick<pg.Pool, 'query'> | pg.PoolClient

function wrap(runner: Runner, pool: pg.Pool, depth: number): Db {
  return {
    kind: 'postgres',
    key: pool,
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const r = await runner.query(sql, params as any[])
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length }
    },
    async exec(sql: string) {
      await runner.query(sql)
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      if (depth > 0) {
        const sp = `sp_${depth}`
        await runner.query(`SAVEPOINT ${sp}`)
        try {
          const out = await fn(wrap(runner, pool, depth + 1))
          await runner.query(`RELEASE SAVEPOINT ${sp}`)
          return out
        } catch (err) {
          await runner.query(`ROLLBACK TO SAVEPOINT ${sp}`)
          throw err
        }
      }
      const client = await pool.connect()
      // The pool stops listening to a client it hands out: without a listener, a connection
      // lost mid-transaction (the server stopped) is an uncaught 'error' event that ends the
      // process. The query in flight rejects with the same error, so nothing is hidden.
      const lost = () => {}
      client.on('error', lost)
      try {
        await client.query('BEGIN')
        const out = await fn(wrap(client, pool, 1))
        await client.query('COMMIT')
        return out
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {})
        throw err
      } finally {
        client.off('error', lost)
        client.release()
      }
    },
    async close() {
      if (depth === 0) await pool.end()
    },
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function openPostgres(opts: OpenDbOptions): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    options: opts.schema ? `-c search_path=${opts.schema},public` : undefined,
  })
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
  return wrap(pool, pool, 0)
}
