/**
 * The background jobs of conversations, by name, with the payload each carries: one map,
 * so a producer and its handler cannot disagree, and a payload is checked before it runs.
 */
import { z } from 'zod'
import type { Ctx } from '../context.ts'
import type { EnqueueOptions, JobHandler, Jobs } from '../jobs/types.ts'

export const CONVERSATION_JOBS = {
  /** No agent took a queued conversation in time (queuedAt tells a stale timer from the current one). */
  'handoff.timeout': z.object({ conversationId: z.number().int(), queuedAt: z.string() }),
  /** A colleague a chat was transferred to did not answer in time (assignedAt tells a stale timer). */
  'handoff.transferTimeout': z.object({ conversationId: z.number().int(), agentId: z.number().int(), assignedAt: z.string() }),
  /** Agents whose console went silent are marked offline. */
  'presence.sweep': z.object({}),
  /** Send one stored reply to its push channel. */
  'channel.deliver': z.object({ messageId: z.number().int() }),
  /** Re-queue pending rows no job holds. */
  'channel.outbox': z.object({}),
  /** Ask the model for an agent's hand-off summary (bot/llm/summarize.ts), after the hand-off committed. */
  'assist.summary': z.object({ conversationId: z.number().int(), queuedAt: z.string() }),
} as const
export type ConversationJob = keyof typeof CONVERSATION_JOBS
export type JobPayload<N extends ConversationJob> = z.infer<(typeof CONVERSATION_JOBS)[N]>

export const HANDOFF_TIMEOUT_JOB = 'handoff.timeout' satisfies ConversationJob
export const TRANSFER_TIMEOUT_JOB = 'handoff.transferTimeout' satisfies ConversationJob
export const PRESENCE_SWEEP_JOB = 'presence.sweep' satisfies ConversationJob
export const DELIVER_JOB = 'channel.deliver' satisfies ConversationJob
export const OUTBOX_SWEEP_JOB = 'channel.outbox' satisfies ConversationJob
export const MODEL_SUMMARY_JOB = 'assist.summary' satisfies ConversationJob

export function defineJob<N extends ConversationJob>(
  jobs: Jobs,
  name: N,
  handler: JobHandler<JobPayload<N>>,
  opts?: { queue?: string; concurrency?: number },
): void {
  jobs.define<unknown>(name, (payload, job) => handler(CONVERSATION_JOBS[name].parse(payload) as JobPayload<N>, job as never), opts)
}

export function enqueueJob<N extends ConversationJob>(jobs: Pick<Jobs, 'enqueue'>, name: N, payload: JobPayload<N>, opts?: EnqueueOptions): Promise<number> {
  return jobs.enqueue(name, payload, opts)
}

/** A reply is tried this often (backoff doubling from 1 s) before it is marked failed. */
const MAX_DELIVERY_ATTEMPTS = 8

export async function queueDeliveries(ctx: Pick<Ctx, 'jobs'>, messageIds: number[]): Promise<void> {
  for (const id of messageIds) {
    await enqueueJob(ctx.jobs, DELIVER_JOB, { messageId: id }, { dedupeKey: `deliver:${id}`, maxAttempts: MAX_DELIVERY_ATTEMPTS, backoffMs: 1000 })
  }
}
