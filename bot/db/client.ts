/**
 * One database interface, two engines: embedded PGlite (with pgvector) in a local folder,
 * or a PostgreSQL server through `pg`. Everything above this file writes plain SQL with
 * $1 parameters and runs the same on both.
 */
import type { Logger } from 'pino'

export interface QueryResult<T> {
  rows: T[]
  rowCount: number
}

export interface Db {
  kind: 'pglite' | 'postgres'
  /** The same object for a database and every transaction on it: a key for per-database caches. */
  readonly key: object
  query<T = any>(sql: string, params?: unknown[]): Promise<QueryResult<T>>
  /** Several statements, no parameters (migrations, DDL). */
  exec(sql: string): Promise<void>
  /** Runs fn in a transaction (a savepoint when already inside one). */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>
  /**
   * Savepoints rolled back so far in this transaction (0 outside one): while it is 0, what
   * the transaction's statements returned is what it will commit, so rows may be kept from
   * RETURNING instead of being read again after commit.
   */
  readonly rolledBack: number
  /**
   * Calls onSignal on every NOTIFY on `channel` (from any session, once its transaction has
   * committed) and each time listening (re)starts, since signals may have been missed before.
   * Returns at once; `live` is false until listening has started and while it is being
   * restarted, so a cache that relies on the signals must not trust itself then. One
   * listening connection per database, ended by close().
   */
  listen(channel: string, onSignal: () => void): Listening
  close(): Promise<void>
}

export interface Listening {
  readonly live: boolean
}

export interface OpenDbOptions {
  /** postgres:// URL; without it PGlite is used. */
  url?: string
  /** PGlite folder, or 'memory://' for a throwaway in-memory database. */
  dataDir?: string
  /** PostgreSQL only: a schema to put first on the search_path (test isolation). */
  schema?: string
  poolSize?: number
  /** Attempts to reach a server before giving up (2 s apart). */
  retries?: number
  log?: Pick<Logger, 'warn' | 'info'>
}

// Both engines hand back int8 and numeric as JS numbers: ids and counts stay far below 2^53.
export const INT8 = 20
export const NUMERIC = 1700

export async function openDb(opts: OpenDbOptions): Promise<Db> {
  if (opts.url) {
    const { openPostgres } = await import('./postgres.ts')
    return openPostgres(opts)
  }
  const { openPglite } = await import('./pglite.ts')
  return openPglite(opts.dataDir ?? './data/pg')
}
