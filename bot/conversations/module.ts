/** Conversation background work: the no-agent timer and the presence sweep. */
import type { AppModule } from '../http/app.ts'
import { systemCtx, type Services } from '../context.ts'
import { announceMessages, insertReply } from './emit.ts'
import { handoffTimedOut, HANDOFF_TIMEOUT_JOB } from '../handoff/requestHandoff.ts'
import { PRESENCE_SWEEP_JOB, sweepPresence } from '../handoff/presence.ts'
import { readConversation } from './store.ts'
import { defineDeliveryJobs, startOutboxSweeper } from '../channels/deliver.ts'

export async function defineConversationJobs(services: Services): Promise<void> {
  const ctx = systemCtx(services, 'handoff')
  services.jobs.define(HANDOFF_TIMEOUT_JOB, async (p: { conversationId: number; queuedAt: string }) => {
    const ids = await services.db.transaction(async (tx) => {
      const replies = await handoffTimedOut(ctx, tx, p.conversationId, p.queuedAt)
      if (!replies) return []
      const conv = (await readConversation(tx, p.conversationId))!
      const out: number[] = []
      for (const r of replies) out.push((await insertReply(tx, conv, r, services.clock.now())).id)
      return out
    })
    await announceMessages(ctx, p.conversationId, ids)
  })
  services.jobs.define(PRESENCE_SWEEP_JOB, async () => void (await sweepPresence(ctx)))
  defineDeliveryJobs(services)
  await startOutboxSweeper(services)
  await services.jobs.enqueue(PRESENCE_SWEEP_JOB, {}, { dedupeKey: PRESENCE_SWEEP_JOB, repeatEveryMs: 30_000 })
}

export const conversationsModule: AppModule = {
  name: 'conversations',
  prepare: defineConversationJobs,
  mount() {},
}
