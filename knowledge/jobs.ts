/** Background work of the knowledge base: full re-index (with progress) and recalibration. */
import type { Services } from '../bot/context.ts'
import { calibrate } from './decide/calibrate.ts'
import { recalibrateIfStale } from './lifecycle/on-knowledge-changed.ts'
import { RECALIBRATE_JOB, REINDEX_JOB } from './entries/changed.ts'
import { rebuildIndex } from './search/rebuild.ts'

export function defineKnowledgeJobs(services: Services): void {
  services.jobs.define(RECALIBRATE_JOB, async (_p, job) => {
    const fit = await recalibrateIfStale(services.db)
    if (fit) job.log.info({ thresholds: fit.thresholds }, 'knowledge thresholds recalibrated')
  })
  services.jobs.define(REINDEX_JOB, async (_p, job) => {
    await reindexAll(services, (phase, done, total) => job.log.debug({ phase, done, total }, 'reindex progress'))
  })
}

/** Rebuild every index from the entries, then recalibrate; answering continues on the old vectors meanwhile. */
export async function reindexAll(services: Pick<Services, 'db' | 'config'>, progress?: (phase: string, done: number, total: number) => void) {
  await rebuildIndex(services.db, { dense: services.config.denseModel, onProgress: (p) => progress?.(p.phase, p.done, p.total) })
  return calibrate(services.db)
}
