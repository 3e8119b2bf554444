/**
 * Numbered .sql migrations, each applied in its own transaction under an advisory lock:
 * replicas starting together queue up instead of racing, and a process killed mid-way
 * leaves the interrupted migration rolled back, so the next start simply redoes it.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Db } from './client.ts'

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url))
/** Arbitrary constant: "kefu" in ASCII; the advisory-lock key every replica agrees on. */
const LOCK_KEY = 0x6b656675

export interface Migration {
  version: number
  name: string
  sql: string
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f.slice(5, -4), sql: readFileSync(dir + f, 'utf8') }))
}

export async function migrate(
  db: Db,
  opts: { onProgress?: (done: number, total: number, name: string) => void; dir?: string } = {},
): Promise<{ applied: string[] }> {
  const migrations = listMigrations(opts.dir)
  const applied: string[] = []
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY])
    await tx.exec(`create table if not exists schema_migrations (
      version int primary key, name text not null, applied_at timestamptz not null default now())`)
  })
  for (const [i, m] of migrations.entries()) {
    await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY])
      const done = await tx.query('select 1 from schema_migrations where version = $1', [m.version])
      if (done.rowCount > 0 || done.rows.length > 0) return
      await tx.exec(m.sql)
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name])
      applied.push(`${m.version}_${m.name}`)
    })
    opts.onProgress?.(i + 1, migrations.length, m.name)
  }
  return { applied }
}
