/** Seed the demo knowledge base on a first start, and make sure an index exists to answer from. */
import { systemCtx, type Services } from '../../bot/context.ts'
import { importEntries } from '../entries/importEntries.ts'
import { reindexAll } from '../jobs.ts'
import { scheduleReindex } from '../entries/changed.ts'
import { denseEmbedderId } from '../search/build-dense.ts'
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

/**
 * Entries but no search index yet (first start, or after `kefu kb import` on a stopped
 * server): build it now. An index without the configured pretrained model's vectors (built
 * before it existed, or with it off), or with vectors of a model now switched off: rebuilt
 * in the background — answering goes on from the index there is meanwhile.
 */
export async function ensureIndex(services: Services): Promise<boolean> {
  const r = await services.db.query<{ entries: number; active: number; dense: string | null }>(
    `select (select count(*)::int from kb_entries) entries,
            (select count(*)::int from kb_embedders where active and role = 'primary') active,
            (select id from kb_embedders where active and role = 'dense') dense`,
  )
  const { entries, active, dense } = r.rows[0]!
  if (entries === 0) return false
  if (active === 0) {
    await reindexAll(services)
    return true
  }
  const want = services.config.denseModel ? denseEmbedderId(services.config.denseModel) : null
  if (dense !== want) await scheduleReindex(services)
  return false
}
