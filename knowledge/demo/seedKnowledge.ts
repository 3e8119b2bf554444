/** Seed the demo knowledge base on a first start, and make sure an index exists to answer from. */
import { systemCtx, type Services } from '../../bot/context.ts'
import { importEntries } from '../entries/importEntries.ts'
import { reindexAll } from '../jobs.ts'
import { demoKnowledge } from './demoKnowledge.ts'

export async function seedDemoKnowledge(services: Services): Promise<number> {
  const count = await services.db.query<{ n: number }>('select count(*)::int n from kb_entries')
  if (count.rows[0]!.n > 0) return 0
  const rows = demoKnowledge.map((e, i) => ({
    line: i + 1,
    id: e.id,
    question: e.question,
    similarQuestions: e.similar,
    answer: e.answer,
    categoryPath: e.category,
    tags: e.tags ?? [],
    status: 'published' as const,
  }))
  const report = await importEntries({ ctx: systemCtx(services, 'demo-seed'), rows, dryRun: false })
  return report.new.length
}

/** Entries but no search index yet (first start, or after `kefu kb import` on a stopped server): build it now. */
export async function ensureIndex(services: Services): Promise<boolean> {
  const r = await services.db.query<{ entries: number; active: number }>(
    `select (select count(*)::int from kb_entries) entries, (select count(*)::int from kb_embedders where active) active`,
  )
  const { entries, active } = r.rows[0]!
  if (entries === 0 || active > 0) return false
  await reindexAll(services)
  return true
}
