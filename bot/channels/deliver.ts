/**
 * Deliver stored replies to push channels, through the job system: retried with backoff,
 * never lost (the sweeper re-queues pending rows no job holds), recorded with the id the
 * platform returns; a message the platform will not take yet is held and released when
 * the customer writes again; a final failure is surfaced to the agent as a private note.
 * The delivery state itself is written by bot/conversations/delivery.ts.
 */
import type { Services } from '../context.ts'
import { systemCtx } from '../context.ts'
import { RetryLater, UnrecoverableError } from '../jobs/types.ts'
import { inConversationTx } from '../conversations/announce.ts'
import {
  abandonInFlight,
  DeliverySuperseded,
  earlierUndelivered,
  fail,
  hold,
  loadPending,
  markSent,
  noteAttemptFailed,
  stalePending,
} from '../conversations/delivery.ts'
import { defineJob, DELIVER_JOB, enqueueJob, OUTBOX_SWEEP_JOB, queueDeliveries } from '../conversations/jobs.ts'
import type { DeliveryStatus } from '../conversations/types.ts'
import { pieceProgress } from './pieceProgress.ts'
import { HoldDelivery, PULL_CHANNELS, type Delivery } from './senders.ts'

export { DELIVER_JOB, OUTBOX_SWEEP_JOB, queueDeliveries }
/** How long a reply waits in-line for an earlier one before retrying later. */
const ORDER_WAIT_MS = 3000
/** …and how soon it looks again after that. */
const ORDER_RETRY_MS = 2000

export function defineDeliveryJobs(services: Services): void {
  const ctx = systemCtx(services, 'delivery')
  const record = (fn: Parameters<typeof inConversationTx>[1]) => inConversationTx(ctx, fn)
  defineJob(
    services.jobs,
    DELIVER_JOB,
    async (p, job) => {
      const d = await loadPending(services.db, p.messageId)
      if (!d) return // sent already, or not ours to send
      const sender = services.senders.for(d.channel)
      if (!sender) throw new UnrecoverableError(`no sender registered for channel ${d.channel}`)
      // One conversation's replies go out in order: wait briefly for (or hold behind) any earlier one.
      const blocking = await waitForEarlier(services, d)
      // Waiting behind an earlier reply is not a failure of this one: it may wait as long as the
      // earlier one does (a platform's retry_after), so it spends no attempt.
      if (blocking === 'pending') throw new RetryLater(ORDER_RETRY_MS, 'an earlier reply in this conversation is still being sent')
      // The last run died during a platform call: that one piece may have arrived, so it is not
      // sent again (the agent is told); the pieces after it go out as usual.
      if (d.inFlight) {
        const { inFlight } = d
        if (!(await record((w) => abandonInFlight(w, d, inFlight)))) return // another run took it over
        d.deliveredPieces.push('')
      }
      const progress = pieceProgress(record, d)
      try {
        if (blocking === 'held') throw new HoldDelivery('held behind an earlier reply that could not be sent yet')
        const { platformMessageIds } = await sender.send(d, progress)
        await record((w) => markSent(w, d.id, platformMessageIds))
      } catch (err) {
        if (err instanceof DeliverySuperseded) return // this run's job was handed out again; the new run carries on
        const message = String((err as Error)?.message ?? err)
        if (err instanceof HoldDelivery) return void (await record((w) => hold(w, d.id, message)))
        if (err instanceof RetryLater) {
          await record((w) => noteAttemptFailed(w, d.id, message))
          throw err
        }
        if (job.attempts >= job.maxAttempts || err instanceof UnrecoverableError) {
          await record((w) => fail(w, d, message))
          throw new UnrecoverableError(message)
        }
        await record((w) => noteAttemptFailed(w, d.id, message))
        throw err
      }
    },
    { queue: 'delivery', concurrency: 4 },
  )

  defineJob(services.jobs, OUTBOX_SWEEP_JOB, async () => {
    await queueDeliveries(services, await stalePending(services.db, new Date(services.clock.now().getTime() - 10_000)))
  })
}

export async function startOutboxSweeper(services: Services): Promise<void> {
  await enqueueJob(services.jobs, OUTBOX_SWEEP_JOB, {}, { dedupeKey: OUTBOX_SWEEP_JOB, repeatEveryMs: 15_000 })
}

/** 'pending' or 'held' when an earlier reply of the conversation has not gone out; polls up to ORDER_WAIT_MS. */
async function waitForEarlier(services: Services, d: Delivery): Promise<DeliveryStatus | undefined> {
  const until = Date.now() + ORDER_WAIT_MS
  for (;;) {
    const status = await earlierUndelivered(services.db, d)
    if (status !== 'pending' || Date.now() > until) return status
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

export { PULL_CHANNELS }
