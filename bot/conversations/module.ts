/** Conversation background work: the no-agent and transfer timers, the presence sweep, the outbox and the model's hand-off summary. */
import type { AppModule } from '../http/app.ts'
import { systemCtx, type Services } from '../context.ts'
import { inConversationTx } from './announce.ts'
import { handoffTimedOut } from '../handoff/requestHandoff.ts'
import { sweepPresence } from '../handoff/presence.ts'
import { defineDeliveryJobs, startOutboxSweeper } from '../channels/deliver.ts'
import { transferTimedOut } from '../handoff/routing.ts'
import { writeModelSummary } from '../llm/summarize.ts'
import { defineJob, enqueueJob, HANDOFF_TIMEOUT_JOB, MODEL_SUMMARY_JOB, PRESENCE_SWEEP_JOB, TRANSFER_TIMEOUT_JOB } from './jobs.ts'

export async function defineConversationJobs(services: Services): Promise<void> {
  const ctx = systemCtx(services, 'handoff')
  defineJob(services.jobs, HANDOFF_TIMEOUT_JOB, (p) => inConversationTx(ctx, (w) => handoffTimedOut(w, p.conversationId, new Date(p.queuedAt))))
  defineJob(services.jobs, TRANSFER_TIMEOUT_JOB, (p) => inConversationTx(ctx, (w) => transferTimedOut(w, p)))
  defineJob(
    services.jobs,
    MODEL_SUMMARY_JOB,
    async (p) => void (await writeModelSummary(systemCtx(services, 'assist'), p.conversationId, new Date(p.queuedAt))),
  )
  defineJob(services.jobs, PRESENCE_SWEEP_JOB, async () => void (await sweepPresence(ctx)))
  defineDeliveryJobs(services)
  await startOutboxSweeper(services)
  await enqueueJob(services.jobs, PRESENCE_SWEEP_JOB, {}, { dedupeKey: PRESENCE_SWEEP_JOB, repeatEveryMs: 30_000 })
}

export const conversationsModule: AppModule = {
  name: 'conversations',
  prepare: defineConversationJobs,
  mount() {},
}
