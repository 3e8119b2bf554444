// Applied migrations carry their SHA-256: recorded on apply, backfilled for databases
// migrated before checksums existed, and an edited applied file stops start-up by name.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../bot/db/client.ts'
import { checksumOf, migrate, MigrationDriftError } from '../../bot/db/migrate.ts'
import { DB_KINDS, testDb } from '../support/services.ts'

describe.each(DB_KINDS)('migration checksums on %s', (kind) => {
  let db: Db
  const dir = `${mkdtempSync(join(tmpdir(), 'kefu-migrations-'))}/`
  const A = 'create table sum_probe_a (id int);\n'
  const B = 'create table sum_probe_b (id int);\n'
  const checksums = async () =>
    (await db.query<{ version: number; checksum: string | null }>('select version, checksum from schema_migrations order by version')).rows
  beforeAll(async () => {
    db = await testDb(kind, { migrate: false })
    writeFileSync(`${dir}0001_a.sql`, A)
    writeFileSync(`${dir}0002_b.sql`, B)
  })
  afterAll(async () => {
    await db?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('records each applied migration’s SHA-256', async () => {
    expect((await migrate(db, { dir })).applied).toEqual(['1_a', '2_b'])
    expect(await checksums()).toEqual([
      { version: 1, checksum: checksumOf(A) },
      { version: 2, checksum: checksumOf(B) },
    ])
    expect(checksumOf(A)).toMatch(/^[0-9a-f]{64}$/)
  })

  it('backfills the checksums of a database migrated before they existed', async () => {
    await db.exec('alter table schema_migrations drop column checksum')
    expect((await migrate(db, { dir })).applied).toEqual([])
    expect(await checksums()).toEqual([
      { version: 1, checksum: checksumOf(A) },
      { version: 2, checksum: checksumOf(B) },
    ])
  })

  it('takes a CRLF checkout of the same file as unchanged', async () => {
    writeFileSync(`${dir}0001_a.sql`, A.replace(/\n/g, '\r\n'))
    expect((await migrate(db, { dir })).applied).toEqual([])
  })

  it('refuses to start when an applied file changed, naming it, and applies nothing new', async () => {
    writeFileSync(`${dir}0002_b.sql`, `${B}create index on sum_probe_b (id);\n`)
    writeFileSync(`${dir}0003_c.sql`, 'create table sum_probe_c (id int);\n')
    const err = await migrate(db, { dir }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(MigrationDriftError)
    expect((err as MigrationDriftError).files).toEqual(['0002_b.sql'])
    expect((err as Error).message).toContain('0002_b.sql')
    expect((await checksums()).map((r) => r.version)).toEqual([1, 2])
    // Restoring the file lets start-up go on.
    writeFileSync(`${dir}0002_b.sql`, B)
    expect((await migrate(db, { dir })).applied).toEqual(['3_c'])
  })
})
