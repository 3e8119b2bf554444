import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { openDb, type Db } from '../../bot/db/client.ts'
import { migrate } from '../../bot/db/migrate.ts'
import { calibrate } from '../decide/calibrate.ts'
import { setThresholdOverride } from '../decide/thresholds.ts'
import { indexEntries } from './index-entries.ts'
import { rebuildIndex } from './rebuild.ts'
import { rank, search } from './search.ts'
import { MemoryIndex } from './memory-index.ts'
import { removeKeyword } from './write-keyword.ts'
import { activeEmbedder } from '../embed/registry.ts'
import { fromPgVector } from '../embed/vector-sql.ts'
import { fusionOf } from './fuse.ts'

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
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${} is part of the hostile input
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
  it('sees an entry start and stop being live by its times, with no re-index in between', async () => {
    // The same wording searched again is served from memory (recent-results.ts); the memory
    // must end when a valid_from / valid_to passes, though nothing bumps the KB version.
    const t0 = Date.now()
    const until = (ms: number) => new Promise((r) => setTimeout(r, t0 + ms - Date.now()))
    await db.query(
      "insert into kb_entries (id, question, answer, status, valid_from, valid_to) values ('promo', '双十一预售定金能退吗', 'a', 'published', now() + interval '2 seconds', now() + interval '4 seconds')",
    )
    await db.query("insert into kb_questions (entry_id, text, is_primary, position) values ('promo', '双十一预售定金能退吗', true, 0)")
    await indexEntries(db, ['promo'])
    const ids = async () => (await search(db, '双十一预售定金能退吗', { limit: 10 })).candidates.map((c) => c.entryId)
    expect(await ids()).not.toContain('promo')
    expect(await ids()).not.toContain('promo') // the remembered ranking
    await until(2300)
    expect(await ids()).toContain('promo')
    await until(4300)
    expect(await ids()).not.toContain('promo')
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
  it('keeps the entry-level keyword statistics equal to a recount through edits and deletes', async () => {
    await addEntry('tax', '发票抬头怎么改', ['修改发票抬头', '发票抬头写错了'])
    await indexEntries(db, ['tax'])
    await db.query("update kb_questions set text = '发票可以重开吗' where entry_id = 'invoice' and position = 1")
    await indexEntries(db, ['invoice'])
    await removeKeyword(db, ['pwd'])
    await db.query("delete from kb_entries where id = 'pwd'")
    const drift = await db.query(
      `select t.term, t.df, t.edf, count(p.*)::int df2, count(distinct p.entry_id)::int edf2
         from kb_terms t left join kb_postings p on p.term = t.term group by t.term, t.df, t.edf
       having t.df <> count(p.*) or t.edf <> count(distinct p.entry_id)`,
    )
    expect(drift.rows).toEqual([])
    const stats = await db.query('select docs, entries, total_len from kb_keyword_stats')
    const recount = await db.query('select count(*)::int docs, count(distinct entry_id)::int entries, sum(len)::int total_len from kb_keyword_docs')
    expect(stats.rows[0]).toMatchObject({ docs: recount.rows[0].docs, entries: recount.rows[0].entries })
    expect(Number(stats.rows[0].total_len)).toBe(Number(recount.rows[0].total_len))
    // Each entry's one-row document (what exact scoring reads) equals its postings and lengths summed.
    const docs = await db.query(
      `with p as (select entry_id, term, sum(tf)::real tf from kb_postings group by entry_id, term),
            d as (select entry_id, sum(len)::int len from kb_keyword_docs group by entry_id),
            r as (select d.entry_id, d.len, u.term, u.tf from kb_entry_terms d, unnest(d.terms, d.tfs) u(term, tf))
       select coalesce(p.entry_id, r.entry_id) entry_id, p.term, p.tf, r.tf rtf from p full join r using (entry_id, term)
        where p.tf is distinct from r.tf
       union all
       select d.entry_id, null, d.len, e.len from d full join kb_entry_terms e using (entry_id) where d.len is distinct from e.len`,
    )
    expect(docs.rows).toEqual([])
    expect((await db.query("select count(*)::int n from kb_entry_terms where entry_id in ('pwd', 'tax', 'invoice')")).rows[0].n).toBe(2)
  })
  // Term statistics count every indexed entry (drafts too), so the reference holds them all.
  it('scores exactly like the in-memory reference calibration uses', async () => {
    const active = (await activeEmbedder(db))!
    const qv = await db.query<{ entry_id: string; text: string; v: string }>(
      `select q.entry_id, q.text, v.embedding::text v from kb_question_vectors v join kb_questions q on q.id = v.question_id
        where v.embedder_id = $1 order by q.entry_id, q.id`,
      [active.id],
    )
    const entryVecs = async (id: string) => {
      const ev = await db.query<{ entry_id: string; v: string }>('select entry_id, embedding::text v from kb_entry_vectors where embedder_id = $1', [id])
      return new Map(ev.rows.map((r) => [r.entry_id, fromPgVector(r.v)]))
    }
    const hubs = async (id: string) => {
      const h = await db.query<{ entry_id: string; hub: number }>('select entry_id, hub from kb_entry_vectors where embedder_id = $1', [id])
      return new Map(h.rows.map((r) => [r.entry_id, Number(r.hub)]))
    }
    // The pretrained model's vectors, question by question in the same order.
    const dense = (await activeEmbedder(db, {}, 'dense'))!
    const dv = await db.query<{ v: string }>(
      `select d.embedding::text v from kb_question_vectors v join kb_questions q on q.id = v.question_id
         join kb_question_vectors d on d.question_id = q.id and d.embedder_id = $2
        where v.embedder_id = $1 order by q.entry_id, q.id`,
      [active.id, dense.id],
    )
    const mem = new MemoryIndex(
      active.model,
      qv.rows.map((r) => ({ entryId: r.entry_id, text: r.text })),
      qv.rows.map((r) => fromPgVector(r.v)),
      await entryVecs(active.id),
      { vecs: dv.rows.map((r) => fromPgVector(r.v)), entryVecs: await entryVecs(dense.id), hubs: await hubs(dense.id) },
    )
    for (const q of ['花呗怎么还款', '发票抬头', '卡丢了怎么挂失', '退款']) {
      const sql = await rank(db, q)
      const [dx] = await dense.embedder.embed([q])
      const ref = new Map(mem.search(q, fusionOf(active.model), 100, dx).map((r) => [r.entryId, r]))
      expect(sql.length).toBeGreaterThan(0)
      for (const c of sql) {
        expect(c.score).toBeCloseTo(ref.get(c.entryId)!.score, 4)
        expect(c.reason.keyword).toBeCloseTo(ref.get(c.entryId)!.components.keyword, 4)
        expect(c.reason.dense).toBeCloseTo(ref.get(c.entryId)!.components.dense!, 4)
      }
    }
  })
  it('keeps answering from the old vectors while a new embedder is built', async () => {
    const before = await db.query(`select id from kb_embedders where active and role = 'primary'`)
    await rebuildIndex(db, { embedder: { kind: 'local', dims: 512 } })
    const after = await db.query(`select id, dims from kb_embedders where role = 'primary'`)
    expect(after.rows).toHaveLength(1)
    expect(after.rows[0].id).not.toBe(before.rows[0].id)
    expect((await search(db, '银行卡挂失')).candidates[0]!.entryId).toBe('card')
  })
})
