import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { openDb, type Db } from '../../bot/db/client.ts'
import { migrate } from '../../bot/db/migrate.ts'
import { calibrate } from '../decide/calibrate.ts'
import { setThresholdOverride } from '../decide/thresholds.ts'
import { indexEntries } from './index-entries.ts'
import { rebuildIndex } from './rebuild.ts'
import { search } from './search.ts'

let db: Db
const entries: [string, string, string[], string?][] = [
  ['refund', '退款多久到账', ['退款什么时候到', '退款还没到账怎么办']],
  ['card', '银行卡丢了怎么办', ['卡丢了', '银行卡挂失']],
  ['pwd', '如何修改密码', ['忘记密码怎么办', '密码重置']],
  ['huabei', '花呗怎么还款', ['花呗还款方式', '怎么还花呗']],
  ['draft', '草稿条目的问题', [], 'draft'],
]

async function addEntry(id: string, q: string, sims: string[], status = 'published', validTo: string | null = null) {
  await db.query('insert into kb_entries (id, question, answer, status, valid_to) values ($1, $2, $3, $4, $5)', [id, q, 'a', status, validTo])
  for (const [i, t] of [q, ...sims].entries())
    await db.query('insert into kb_questions (entry_id, text, is_primary, position) values ($1, $2, $3, $4)', [id, t, i === 0, i])
}

beforeAll(async () => {
  db = await openDb({ dataDir: 'memory://' })
  await migrate(db)
  for (const [id, q, sims, status] of entries) await addEntry(id, q, sims, status)
  await addEntry('expired', '过期活动怎么参加', [], 'published', '2000-01-01')
  await rebuildIndex(db)
  await calibrate(db)
}, 60_000)
afterAll(() => db.close())

describe('search', () => {
  it('ranks the right entry first, with its reason', async () => {
    const r = await search(db, '花唄怎麼還款？')
    expect(r.candidates[0]!.entryId).toBe('huabei')
    expect(r.candidates[0]!.reason.matchedQuestion).toBe('花呗怎么还款')
    expect(r.candidates[0]!.reason.keyword).toBeGreaterThan(0)
    expect(r.thresholds.source).toBe('calibrated')
  })
  it('falls back, never throws, on bad input', async () => {
    for (const q of ['', '   ', '\u0000\u0007\uFFFE', 'x'.repeat(10_000), "'; drop table kb_entries; --", '.*+?^${}()|[]\\', 'Ελληνικά русский עברית']) {
      const r = await search(db, q)
      expect(r.decision === 'fallback' || r.decision === 'clarify').toBe(true)
    }
    expect((await search(db, '')).decision).toBe('fallback')
  })
  it('never returns drafts or entries outside their validity window', async () => {
    const ids = (await search(db, '草稿条目的问题 过期活动怎么参加', { limit: 10 })).candidates.map((c) => c.entryId)
    expect(ids).not.toContain('draft')
    expect(ids).not.toContain('expired')
  })
  it('makes an edited entry searchable at once', async () => {
    await addEntry('invoice', '怎么开发票', ['发票如何开具'])
    await indexEntries(db, ['invoice'])
    expect((await search(db, '开发票')).candidates[0]!.entryId).toBe('invoice')
  })
  it('answers, clarifies or falls back by the thresholds in force', async () => {
    await setThresholdOverride(db, { answer: 0.0, margin: 0, clarify: 0 })
    expect((await search(db, '花呗怎么还款')).decision).toBe('answer')
    await setThresholdOverride(db, { answer: 2, margin: 0, clarify: 0 })
    expect((await search(db, '花呗怎么还款')).decision).toBe('clarify')
    await setThresholdOverride(db, null)
  })
  it('keeps answering from the old vectors while a new embedder is built', async () => {
    const before = await db.query('select id from kb_embedders where active')
    await rebuildIndex(db, { embedder: { kind: 'local', dims: 512 } })
    const after = await db.query('select id, dims from kb_embedders')
    expect(after.rows).toHaveLength(1)
    expect(after.rows[0].id).not.toBe(before.rows[0].id)
    expect((await search(db, '银行卡挂失')).candidates[0]!.entryId).toBe('card')
  })
})
