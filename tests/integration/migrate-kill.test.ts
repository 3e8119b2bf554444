import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { openDb } from '../../bot/db/client.ts'
import { migrate } from '../../bot/db/migrate.ts'
import { requireEnv, uniqueName } from '../support/services.ts'

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url))

describe('a process killed with SIGKILL during migrations', () => {
  const url = requireEnv('TEST_DATABASE_URL')
  const schema = uniqueName('kill')
  afterAll(async () => {
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    await c.query(`drop schema if exists ${schema} cascade`)
    await c.end()
  })

  it('leaves the interrupted migration undone, and the next start completes it', async () => {
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    await c.query(`create schema ${schema}`)
    const child = spawn(process.execPath, ['--import', 'tsx', `${fixtures}migrate-child.ts`, url, schema, `${fixtures}slow-migrations/`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    // Wait until the first migration is committed and the slow one is running, then kill.
    await new Promise<void>((resolve) => child.stdout.on('data', (d) => String(d).includes('applied 1/2') && resolve()))
    await new Promise((r) => setTimeout(r, 300))
    child.kill('SIGKILL')
    await new Promise((r) => child.on('exit', r))

    const tables = async () =>
      (await c.query(`select table_name from information_schema.tables where table_schema = $1 order by 1`, [schema])).rows.map((r) => r.table_name)
    expect(await tables()).toEqual(['kill_probe_a', 'schema_migrations'])

    // The next start: the server's lock for the dead session is released when it notices the
    // disconnect; the rerun must then finish the interrupted migration (without waiting for the dead one:
    // we run it with a fast copy of the slow migration's name).
    const db = await openDb({ url, schema })
    await db.query(`select pg_terminate_backend(pid) from pg_stat_activity where query like '%pg_sleep(6)%' and pid <> pg_backend_pid()`)
    const dir = `${fixtures}slow-migrations/`
    const started = Date.now()
    const { applied } = await migrate(db, { dir })
    await db.close()
    expect(applied).toEqual(['2_slow'])
    expect(Date.now() - started).toBeGreaterThan(5_000) // it really ran the migration again
    expect(await tables()).toEqual(['kill_probe_a', 'kill_probe_b', 'schema_migrations'])
    await c.end()
  }, 90_000)
})
