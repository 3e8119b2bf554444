import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../bot/db/client.ts'
import { testDb } from '../../tests/support/services.ts'
import { calibrate } from '../decide/calibrate.ts'
import { rebuildIndex } from '../search/rebuild.ts'
import { search } from '../search/search.ts'
import { calibrationStatus, onKnowledgeChanged, recalibrateIfStale, REBUILD_ABOVE } from './on-knowledge-changed.ts'

let db: Db
async function addEntry(id: string, qs: string[]) {
  await db.query(`insert into kb_entries (id, question, answer, status) values ($1, $2, 'a', 'published')`, [id, qs[0]])
  for (const [i, t] of qs.entries())
    await db.query('insert into kb_questions (entry_id, text, is_primary, position) values ($1, $2, $3, $4)', [id, t, i === 0, i])
}

beforeAll(async () => {
  db = await testDb('pglite')
  await addEntry('refund', ['where is my refund', 'my refund has not arrived', 'refund still missing'])
  await addEntry('card', ['my card has not arrived', 'when will my new card come', 'card delivery time'])
  await rebuildIndex(db)
  await calibrate(db)
})
afterAll(() => db.close())

describe('onKnowledgeChanged', () => {
  it('makes the edit searchable at once and marks the thresholds stale', async () => {
    await addEntry('pin', ['how do i change my pin', 'reset my pin code', 'forgot my pin'])
    const out = await onKnowledgeChanged(db, ['pin', 'pin'])
    expect(out).toEqual({ indexed: 1, next: 'recalibrate' })
    expect((await search(db, 'change pin code')).candidates[0]!.entryId).toBe('pin')
    expect(await calibrationStatus(db)).toMatchObject({ stale: true, editsSince: 1 })
  })
  it('recalibrates only when stale, and clears the mark', async () => {
    expect(await recalibrateIfStale(db)).not.toBeNull()
    expect(await calibrationStatus(db)).toMatchObject({ stale: false, editsSince: 0 })
    expect(await recalibrateIfStale(db)).toBeNull()
  })
  it('asks for a rebuild instead when a change is too large for in-line indexing', async () => {
    const ids = Array.from({ length: REBUILD_ABOVE + 1 }, (_, i) => `bulk-${i}`)
    expect(await onKnowledgeChanged(db, ids)).toEqual({ indexed: 0, next: 'rebuild' })
  })
})
