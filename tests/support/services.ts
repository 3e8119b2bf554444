/**
 * Real services for tests: each test file gets its own database (an in-memory PGlite, or
 * a fresh schema on the rig's PostgreSQL) and its own BullMQ prefix on the rig's Redis.
 * Nothing is mocked; `npm test` (scripts/test.sh) starts the servers.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import pino from 'pino'
import { type ManualClock, systemClock, type Clock } from '../../bot/clock.ts'
import { parseConfig, type Config } from '../../bot/config.ts'
import { openDb, type Db } from '../../bot/db/client.ts'
import { migrate } from '../../bot/db/migrate.ts'
import { createRuntime, type Runtime } from '../../bot/runtime.ts'

export type DbKind = 'pglite' | 'postgres'
export const DB_KINDS: DbKind[] = ['pglite', 'postgres']

export function requireEnv(name: 'TEST_DATABASE_URL' | 'TEST_REDIS_URL'): string {
  const v = process.env[name]
  if (!v) throw new Error(`${name} is not set: run the tests with \`npm test\`, which starts PostgreSQL and Redis.`)
  return v
}

export const uniqueName = (prefix: string) => `${prefix}_${randomBytes(5).toString('hex')}`

/** A migrated database of the given kind (with the migrations in `dir`, default all; empty with `migrate: false`); close() drops it. */
export async function testDb(kind: DbKind, opts: { dir?: string; migrate?: boolean } = {}): Promise<Db> {
  const migrated = async (db: Db) => (opts.migrate === false ? db : (await migrate(db, { dir: opts.dir }), db))
  if (kind === 'pglite') return migrated(await openDb({ dataDir: 'memory://' }))
  const url = requireEnv('TEST_DATABASE_URL')
  const schema = uniqueName('t')
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  await admin.end()
  const db = await migrated(await openDb({ url, schema, poolSize: 5 }))
  const close = db.close.bind(db)
  db.close = async () => {
    await close()
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    await c.query(`drop schema ${schema} cascade`)
    await c.end()
  }
  return db
}

export function testConfig(overrides: Record<string, string | undefined> = {}): Config {
  return parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_DEMO: 'false', DATA_DIR: '/tmp/kefu-test-unused', ...overrides })
}

export const silentLog = () => pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' })

export interface TestRuntimeOptions {
  db?: Db
  redis?: boolean
  clock?: Clock | ManualClock
  config?: Record<string, string | undefined>
}

/** Services on a test database; with `redis: true` jobs go through BullMQ under a unique prefix. */
export async function testRuntime(kind: DbKind, opts: TestRuntimeOptions = {}): Promise<Runtime & { ownDb: boolean }> {
  const db = opts.db ?? (await testDb(kind))
  const config = testConfig({
    ...(opts.redis ? { REDIS_URL: requireEnv('TEST_REDIS_URL'), QUEUE_PREFIX: uniqueName('q') } : {}),
    ...opts.config,
  })
  const runtime = await createRuntime(config, { db, log: silentLog(), clock: opts.clock ?? systemClock, migrate: false })
  const close = runtime.close
  let closing: Promise<void> | null = null
  return {
    ...runtime,
    ownDb: !opts.db,
    // Idempotent: a test server's stop() closes the runtime too.
    close() {
      closing ??= (async () => {
        await close()
        if (!opts.db) await db.close()
      })()
      return closing
    },
  }
}
