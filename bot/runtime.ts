/**
 * Build the running services from configuration: database (with start-up retries and
 * migrations), jobs and logger. Used by `kefu start`, `kefu worker` and the tests.
 */
import { forgetSettings } from './settings.ts'
import { startTurnProfile } from './perf/turnProfile.ts'
import { join } from 'node:path'
import type { Logger } from 'pino'
import { systemClock, type Clock } from './clock.ts'
import type { Config } from './config.ts'
import type { Services } from './context.ts'
import { openDb, type Db } from './db/client.ts'
import { migrate } from './db/migrate.ts'
import { createJobs } from './jobs/index.ts'
import { createLogger } from './log.ts'
import { LocalBus, RedisBus } from './events/bus.ts'
import { createBuckets } from './limits/index.ts'
import { createSenders } from './channels/senders.ts'

export interface Runtime extends Services {
  close(): Promise<void>
}

export interface RuntimeOptions {
  log?: Logger
  clock?: Clock
  /** Consume jobs in this process (false for a web process when `kefu worker` runs them). */
  consumeJobs?: boolean
  /** An already-open database (tests share one per file). */
  db?: Db
  migrate?: boolean
  onMigrateProgress?: (done: number, total: number, name: string) => void
}

export async function openDatabase(config: Config, log: Logger): Promise<Db> {
  if (config.DATABASE_URL) {
    return openDb({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, retries: config.DATABASE_CONNECT_RETRIES, log })
  }
  return openDb({ dataDir: join(config.DATA_DIR, 'pg') })
}

export async function createRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const log = opts.log ?? createLogger(config)
  startTurnProfile(config.TURN_PROFILE)
  const clock = opts.clock ?? systemClock
  const db = opts.db ?? (await openDatabase(config, log))
  try {
    if (opts.migrate !== false) {
      const { applied } = await migrate(db, { onProgress: opts.onMigrateProgress })
      if (applied.length) log.info({ applied }, 'migrations applied')
    }
  } catch (err) {
    if (!opts.db) await db.close().catch(() => {})
    throw err
  }
  const jobs = createJobs(config, { db, log, clock }, opts.consumeJobs ?? config.RUN_WORKERS)
  const bus = config.REDIS_URL ? new RedisBus(config.REDIS_URL, config.QUEUE_PREFIX, log) : new LocalBus()
  const limits = createBuckets(config, log)
  // Another instance saved settings: forget the ones this process remembers.
  const unsubscribeSettings = bus.subscribe('settings', () => forgetSettings(db))
  let closed = false
  return {
    config,
    db,
    jobs,
    log,
    clock,
    bus,
    limits,
    senders: createSenders(),
    async close() {
      if (closed) return
      closed = true
      await jobs.stop()
      unsubscribeSettings()
      await bus.close()
      await limits.close()
      if (!opts.db) await db.close()
    },
  }
}
