/**
 * Migration 0105 moves the delivery path out of platform_message_id ('passive', 'outbox')
 * into delivery_route, on rows written before it, without touching real platform ids.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { migrate } from '../../bot/db/migrate.ts'
import { DB_KINDS, testDb } from '../support/services.ts'

const ALL = fileURLToPath(new URL('../../bot/db/migrations/', import.meta.url))
const before = mkdtempSync(join(tmpdir(), 'kefu-mig-'))
for (const f of readdirSync(ALL).filter((f) => Number(f.slice(0, 4)) < 105)) cpSync(join(ALL, f), join(before, f))
afterAll(() => rmSync(before, { recursive: true, force: true }))

describe.each(DB_KINDS)('delivery_route migration on %s', (kind) => {
  it('reads the old sentinels into the column and keeps real platform ids', async () => {
    const db = await testDb(kind, { dir: `${before}/` })
    try {
      await db.query(`insert into customers (id) values ('cu_m')`)
      const conv = (await db.query<{ id: number }>(`insert into conversations (customer_id, channel) values ('cu_m', 'wechat') returning id`)).rows[0]!.id
      const rows: [string, string | null, string | null][] = [
        ['passive reply', 'sent', 'passive'],
        ['claimed by the outbox', 'pending', 'outbox'],
        ['sent through the API', 'sent', 'msg-1,msg-2'],
        ['undecided', 'pending', null],
        ['held', 'held', null],
        ['web chat', null, null],
      ]
      for (const [text, status, platformId] of rows) {
        await db.query(
          `insert into messages (conversation_id, direction, sender_type, text, channel, delivery_status, platform_message_id) values ($1, 'out', 'bot', $2, 'wechat', $3, $4)`,
          [conv, text, status, platformId],
        )
      }
      await migrate(db)
      const r = await db.query<{ text: string; delivery_route: string | null; platform_message_id: string | null }>(
        `select text, delivery_route, platform_message_id from messages order by id`,
      )
      expect(r.rows.map((x) => [x.text, x.delivery_route, x.platform_message_id])).toEqual([
        ['passive reply', 'passive', null],
        ['claimed by the outbox', 'outbox', null],
        ['sent through the API', 'outbox', 'msg-1,msg-2'],
        ['undecided', null, null],
        ['held', 'outbox', null],
        ['web chat', null, null],
      ])
    } finally {
      await db.close()
    }
  })
})
