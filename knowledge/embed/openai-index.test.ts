import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../bot/db/client.ts'
import { DB_KINDS, testDb } from '../../tests/support/services.ts'
import { calibrate } from '../decide/calibrate.ts'
import { indexEntries } from '../search/index-entries.ts'
import { rebuildIndex } from '../search/rebuild.ts'
import { search } from '../search/search.ts'
import { startFakeOpenAI, type FakeOpenAI } from '../../tests/support/fake-openai-server.ts'

// PostgreSQL too whenever the rig provides one (`npm test`); PGlite always.
const kinds = process.env.TEST_DATABASE_URL ? DB_KINDS : (['pglite'] as const)
const entries: [string, string[]][] = [
  ['refund', ['退款多久到账', '退款什么时候到', '退款还没到账怎么办']],
  ['card', ['银行卡丢了怎么办', '卡丢了', '银行卡挂失']],
  ['pwd', ['如何修改密码', '忘记密码怎么办', '密码重置']],
  ['huabei', ['花呗怎么还款', '花呗还款方式', '怎么还花呗']],
]

describe.each(kinds)('openai embedder through the index on %s', (kind) => {
  let db: Db
  let api: FakeOpenAI
  const secrets = { openaiApiKey: 'sk-local' }
  beforeAll(async () => {
    api = await startFakeOpenAI()
    db = await testDb(kind)
    for (const [id, qs] of entries) {
      await db.query(`insert into kb_entries (id, question, answer, status) values ($1, $2, 'a', 'published')`, [id, qs[0]])
      for (const [i, t] of qs.entries())
        await db.query('insert into kb_questions (entry_id, text, is_primary, position) values ($1, $2, $3, $4)', [id, t, i === 0, i])
    }
    await rebuildIndex(db, { embedder: { kind: 'openai', config: { baseURL: api.baseURL, model: 'fake-embed', dimensions: 64 } }, secrets })
    await calibrate(db)
  })
  afterAll(async () => {
    await db?.close()
    await api?.close()
  })

  it('embeds every question through the endpoint and answers from those vectors', async () => {
    const active = await db.query('select id, kind, dims from kb_embedders where active and role = $1', ['primary'])
    expect(active.rows[0]).toMatchObject({ id: 'openai:fake-embed:64', kind: 'openai', dims: 64 })
    expect(api.calls.flatMap((c) => c.input)).toEqual(expect.arrayContaining(['退款多久到账', '银行卡挂失']))
    expect(api.calls.every((c) => c.auth === 'Bearer sk-local' && c.model === 'fake-embed')).toBe(true)
    const r = await search(db, '银行卡丢失了怎么挂失', { secrets })
    expect(r.candidates[0]!.entryId).toBe('card')
    expect(r.candidates[0]!.reason.vector).toBeGreaterThan(0)
  })

  it('embeds an edited entry at once and finds it', async () => {
    await db.query(`insert into kb_entries (id, question, answer, status) values ('invoice', '怎么开发票', 'a', 'published')`)
    await db.query(`insert into kb_questions (entry_id, text, is_primary) values ('invoice', '怎么开发票', true)`)
    const before = api.calls.length
    await indexEntries(db, ['invoice'], secrets)
    expect(api.calls.slice(before).flatMap((c) => c.input)).toEqual(['怎么开发票'])
    expect((await search(db, '发票怎么开', { secrets })).candidates[0]!.entryId).toBe('invoice')
  })
})
