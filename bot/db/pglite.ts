/** Embedded PGlite with pgvector: a single connection, so a transaction excludes other queries. */
import { mkdirSync } from 'node:fs'
import { PGlite, type Transaction } from '@electric-sql/pglite'
import { vector } from '@electric-sql/pglite-pgvector'
import { roundTrip } from '../perf/turnProfile.ts'
import { INT8, NUMERIC, type Db, type QueryResult } from './client.ts'
import { lockFolder } from './folderLock.ts'

type Runner = Pick<PGlite, 'query' | 'exec'> | Transaction

/** Shared by a transaction and its savepoints. */
type TxState = { rolledBack: number }

function wrap(runner: Runner, root: PGlite, depth: number, state: TxState = { rolledBack: 0 }): Db {
  return {
    kind: 'pglite',
    key: root,
    get rolledBack() {
      return state.rolledBack
    },
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      roundTrip()
      const r = await runner.query<T>(sql, params)
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length }
    },
    async exec(sql: string) {
      await runner.exec(sql)
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      if (depth === 0) return root.transaction((tx) => fn(wrap(tx, root, 1, { rolledBack: 0 })))
      const sp = `sp_${depth}`
      await runner.exec(`SAVEPOINT ${sp}`)
      try {
        const out = await fn(wrap(runner, root, depth + 1, state))
        await runner.exec(`RELEASE SAVEPOINT ${sp}`)
        return out
      } catch (err) {
        state.rolledBack++
        await runner.exec(`ROLLBACK TO SAVEPOINT ${sp}`)
        throw err
      }
    },
    listen(channel, onSignal) {
      const state = { live: false }
      // Not awaited: inside a transaction PGlite runs LISTEN only after it (one connection).
      // PGlite hands notifications over before the committing query returns.
      root.listen(channel, onSignal).then(
        () => {
          state.live = true
          onSignal()
        },
        () => {},
      )
      return state
    },
    async close() {
      if (depth === 0) await root.close()
    },
  }
}

export async function openPglite(dataDir: string): Promise<Db> {
  const inMemory = dataDir.startsWith('memory://')
  if (!inMemory) mkdirSync(dataDir, { recursive: true })
  const unlock = inMemory ? () => {} : lockFolder(dataDir)
  let pg: PGlite
  try {
    pg = await PGlite.create(dataDir, {
      extensions: { vector },
      parsers: { [INT8]: (v: string) => Number(v), [NUMERIC]: (v: string) => Number(v) },
    })
  } catch (err) {
    unlock()
    throw err
  }
  const db = wrap(pg, pg, 0)
  const close = db.close.bind(db)
  db.close = async () => {
    try {
      await close()
    } finally {
      unlock()
    }
  }
  return db
}
