import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { openDb, type Db } from '../../bot/db/client.ts'
import { migrate } from '../../bot/db/migrate.ts'
import { activeEmbedder } from '../embed/registry.ts'
import { fromPgVector } from '../embed/vector-sql.ts'
import { fuse, fusionOf, HUB_SHARE } from './fuse.ts'
import { indexEntries } from './index-entries.ts'
import { MemoryIndex } from './memory-index.ts'
import { rebuildIndex } from './rebuild.ts'
import { rank } from './search.ts'

// Single-question entries (afqmc-dev's shape): the KB where search takes hubness off the pretrained cosines.
const entries: [string, string][] = [
  ['repay', '花呗怎么还款'],
  ['limit', '借呗额度怎么提升'],
  ['card', '银行卡丢了怎么挂失'],
  ['pwd', '支付密码忘记了怎么办'],
  ['refund', '退款多久能到账'],
  ['bill', '账单分期怎么取消'],
]
let db: Db

beforeAll(async () => {
  db = await openDb({ dataDir: 'memory://' })
  await migrate(db)
  for (const [id, q] of entries) {
    await db.query(`insert into kb_entries (id, question, answer, status) values ($1, $2, 'a', 'published')`, [id, q])
    await db.query('insert into kb_questions (entry_id, text, is_primary, position) values ($1, $2, true, 0)', [id, q])
  }
  await rebuildIndex(db)
}, 120_000)
afterAll(() => db.close())

const hubs = async () => {
  const dense = (await activeEmbedder(db, {}, 'dense'))!
  const r = await db.query<{ entry_id: string; hub: number | null }>('select entry_id, hub from kb_entry_vectors where embedder_id = $1 order by entry_id', [
    dense.id,
  ])
  return new Map(r.rows.map((x) => [x.entry_id, x.hub === null ? null : Number(x.hub)]))
}

describe('hubness', () => {
  it('is kept for every entry by a rebuild, and single-question KBs fuse with it', async () => {
    const h = await hubs()
    expect(h.size).toBe(entries.length)
    for (const v of h.values()) expect(v).toBeGreaterThan(0)
    const active = (await activeEmbedder(db))!
    expect(fusionOf(active.model).hub).toBe(HUB_SHARE)
    // Two entries alike in everything but hubness: the one nearer the crowd scores lower.
    const w = fusionOf(active.model)
    const c = { question: 0.3, entry: 0.3, keyword: 0.3, dense: 0.8, denseEntry: 0.8 }
    expect(fuse({ ...c, hub: 0.7 }, w)).toBeLessThan(fuse({ ...c, hub: 0.5 }, w))
  })
  it('is written again for an edited entry', async () => {
    await db.query(`update kb_questions set text = '花呗怎么提前还款' where entry_id = 'repay'`)
    await db.query(`update kb_entry_vectors set hub = null where entry_id = 'repay'`)
    await indexEntries(db, ['repay'])
    expect((await hubs()).get('repay')).toBeGreaterThan(0)
  })
  it('scores in SQL exactly like the in-memory reference calibration uses', async () => {
    const active = (await activeEmbedder(db))!
    const dense = (await activeEmbedder(db, {}, 'dense'))!
    const rows = async (id: string) =>
      (
        await db.query<{ entry_id: string; text: string; v: string }>(
          `select q.entry_id, q.text, v.embedding::text v from kb_question_vectors v join kb_questions q on q.id = v.question_id
            where v.embedder_id = $1 order by q.entry_id, q.id`,
          [id],
        )
      ).rows
    const entryVecs = async (id: string) => {
      const ev = await db.query<{ entry_id: string; v: string }>('select entry_id, embedding::text v from kb_entry_vectors where embedder_id = $1', [id])
      return new Map(ev.rows.map((r) => [r.entry_id, fromPgVector(r.v)]))
    }
    const qv = await rows(active.id)
    const h = new Map([...(await hubs())].map(([k, v]) => [k, v ?? 0]))
    const mem = new MemoryIndex(
      active.model,
      qv.map((r) => ({ entryId: r.entry_id, text: r.text })),
      qv.map((r) => fromPgVector(r.v)),
      await entryVecs(active.id),
      { vecs: (await rows(dense.id)).map((r) => fromPgVector(r.v)), entryVecs: await entryVecs(dense.id), hubs: h },
    )
    for (const q of ['花呗还款', '额度提升', '卡丢了']) {
      const sql = await rank(db, q)
      const [dx] = await dense.embedder.embed([q])
      const ref = new Map(mem.search(q, fusionOf(active.model), 100, dx).map((r) => [r.entryId, r]))
      expect(sql.length).toBeGreaterThan(0)
      for (const c of sql) expect(c.score).toBeCloseTo(ref.get(c.entryId)!.score, 4)
    }
  })
})
