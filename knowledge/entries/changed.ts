/**
 * After any change to entries: make it searchable now (onKnowledgeChanged re-indexes those
 * entries in-line and moves the KB version every instance checks) and recalibrate the
 * thresholds in the background (one job however many edits). A bulk change relearns the
 * whole index in a background job instead.
 */
import type { Ctx } from '../../bot/context.ts'
import { onKnowledgeChanged } from '../lifecycle/on-knowledge-changed.ts'

export const RECALIBRATE_JOB = 'kb.recalibrate'
export const REINDEX_JOB = 'kb.reindex'
/** Edits in a burst (a busy admin) share one recalibration. */
const RECALIBRATE_DELAY_MS = 5_000

export async function knowledgeChanged(ctx: Pick<Ctx, 'db' | 'jobs'>, entryIds: string[]): Promise<void> {
  const { next } = await onKnowledgeChanged(ctx.db, entryIds)
  if (next === 'rebuild') return scheduleReindex(ctx)
  await ctx.jobs.enqueue(RECALIBRATE_JOB, {}, { dedupeKey: RECALIBRATE_JOB, delayMs: RECALIBRATE_DELAY_MS, maxAttempts: 3 })
}

export async function scheduleReindex(ctx: Pick<Ctx, 'jobs'>): Promise<void> {
  await ctx.jobs.enqueue(REINDEX_JOB, {}, { dedupeKey: REINDEX_JOB, delayMs: 1_000, maxAttempts: 3 })
}
