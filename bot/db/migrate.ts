/**
 * Numbered .sql migrations, each applied in its own transaction under an advisory lock:
 * replicas starting together queue up instead of racing, and a process killed mid-way
 * leaves the interrupted migration rolled back, so the next start simply redoes it.
 *
 * Each applied migration's SHA-256 is recorded. Editing an applied file changes nothing
 * in databases that already ran it, so schemas would silently differ between installs:
 * start-up refuses instead, naming the file, before applying anything new. Databases
 * migrated before checksums existed get theirs recorded from the files on the first run.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Db } from './client.ts'

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url))
/** Arbitrary constant: "kefu" in ASCII; the advisory-lock key every replica agrees on. */
const LOCK_KEY = 0x6b656675

export interface Migration {
  version: number
  name: string
  file: string
  sql: string
  checksum: string
}

/** Of the text, with line endings normalised: a checkout with CRLF endings is the same migration. */
export const checksumOf = (sql: string) => createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex')

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(dir + file, 'utf8')
      return { version: Number(file.slice(0, 4)), name: file.slice(5, -4), file, sql, checksum: checksumOf(sql) }
    })
}

/** An applied migration's file no longer matches what was applied. */
export class MigrationDriftError extends Error {
  override name = 'MigrationDriftError'
  constructor(readonly files: string[]) {
    super(
      `Applied migration${files.length > 1 ? 's' : ''} changed since applied: ${files.join(', ')}. ` +
        'Restore the file from version control and put the change in a new migration.\n' +
        `已执行的迁移文件在执行后被修改：${files.join('、')}。请从版本库恢复该文件，把改动写成新的迁移。`,
    )
  }
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
      version int primary key, name text not null, applied_at timestamptz not null default now());
      alter table schema_migrations add column if not exists checksum text`)
    await checkApplied(tx, migrations)
  })
  // Progress counts only what this start applies: an up-to-date database says nothing.
  const done = new Set((await db.query<{ version: number }>('select version from schema_migrations')).rows.map((r) => Number(r.version)))
  const pending = migrations.filter((m) => !done.has(m.version))
  for (const [i, m] of pending.entries()) {
    await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY])
      const already = await tx.query('select 1 from schema_migrations where version = $1', [m.version])
      if (already.rowCount > 0 || already.rows.length > 0) return // another process applied it meanwhile
      await tx.exec(m.sql)
      await tx.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [m.version, m.name, m.checksum])
      applied.push(`${m.version}_${m.name}`)
    })
    opts.onProgress?.(i + 1, pending.length, m.name)
  }
  return { applied }
}

/**
 * Record missing checksums, then throw if any applied file differs. A version applied
 * here whose file is gone is left alone: nothing can be compared, and nothing reruns it.
 */
async function checkApplied(tx: Db, migrations: Migration[]): Promise<void> {
  const rows = (await tx.query<{ version: number; checksum: string | null }>('select version, checksum from schema_migrations')).rows
  const byVersion = new Map(migrations.map((m) => [m.version, m]))
  const drifted: string[] = []
  for (const row of rows) {
    const m = byVersion.get(Number(row.version))
    if (!m) continue
    if (row.checksum === null) await tx.query('update schema_migrations set checksum = $1 where version = $2', [m.checksum, m.version])
    else if (row.checksum !== m.checksum) drifted.push(m.file)
  }
  if (drifted.length) throw new MigrationDriftError(drifted.sort())
}
