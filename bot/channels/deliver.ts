/**
 * Deliver stored replies to push channels, through the job system: retried with backoff,
 * never lost (the sweeper re-queues pending rows no job holds), recorded with the id the
 * platform returns; a message the platform will not take yet is held and released when
 * the customer writes again; a final failure is surfaced to the agent as a private note.
 */
import type { Ctx, Services } from '../context.ts'
import { systemCtx } from '../context.ts'
import { UnrecoverableError } from '../jobs/types.ts'
import { HoldDelivery, PULL_CHANNELS, senderFor, type Delivery } from './senders.ts'

export const DELIVER_JOB = 'channel.deliver'
export const OUTBOX_SWEEP_JOB = 'channel.outbox'
const MAX_ATTEMPTS = 8
/** How long a reply waits in-line for an earlier one before retrying later. */
const ORDER_WAIT_MS = 3000

export async function queueDeliveries(ctx: Pick<Ctx, 'jobs'>, messageIds: number[]): Promise<void> {
  for (const id of messageIds) await ctx.jobs.enqueue(DELIVER_JOB, { messageId: id }, { dedupeKey: `deliver:${id}`, maxAttempts: MAX_ATTEMPTS, backoffMs: 1000 })
}

async function load(services: Services, messageId: number): Promise<Delivery | null> {
  const r = await services.db.query<any>(
    // The customer's last word on this channel in any conversation: a survey may open a new one.
    `select m.*, c.channel_address, i.external_id,
            (select max(c2.last_customer_message_at) from conversations c2
              where c2.customer_id = c.customer_id and c2.channel = c.channel) as last_customer_message_at
       from messages m join conversations c on c.id = m.conversation_id
       left join lateral (select external_id from customer_identities where customer_id = c.customer_id and channel = c.channel
                          order by last_seen_at desc limit 1) i on true
      where m.id = $1 and m.delivery_status = 'pending' and m.direction = 'out' and not m.is_private`,
    [messageId],
  )
  const m = r.rows[0]
  if (!m) return null
  return {
    id: m.id, conversationId: m.conversation_id, channel: m.channel, address: m.channel_address ?? {}, kind: m.kind,
    senderType: m.sender_type, text: m.text, buttons: m.parts?.buttons ?? [], links: m.parts?.links ?? [], images: m.parts?.images ?? [],
    kbEntryId: m.kb_entry_id, createdAt: new Date(m.created_at), externalUserId: m.external_id ?? null,
    lastCustomerMessageAt: m.last_customer_message_at ? new Date(m.last_customer_message_at) : null,
  }
}

export function defineDeliveryJobs(services: Services): void {
  services.jobs.define(DELIVER_JOB, async (p: { messageId: number }, job) => {
    const d = await load(services, p.messageId)
    if (!d) return // sent already, or not ours to send
    const sender = senderFor(d.channel)
    if (!sender) throw new UnrecoverableError(`no sender registered for channel ${d.channel}`)
    // One conversation's replies go out in order: wait briefly for (or hold behind) any earlier one.
    const blocking = await earlierUndelivered(services, d)
    if (blocking === 'pending') throw new Error('an earlier reply in this conversation is still being sent')
    try {
      if (blocking === 'held') throw new HoldDelivery('held behind an earlier reply that could not be sent yet')
      const { platformMessageIds } = await sender.send(d)
      await services.db.query(
        `update messages set delivery_status = 'sent', platform_message_id = $2, delivered_at = $3, delivery_error = null where id = $1`,
        [d.id, platformMessageIds.join(','), services.clock.now()],
      )
    } catch (err) {
      const message = String((err as Error)?.message ?? err)
      if (err instanceof HoldDelivery) {
        await services.db.query(`update messages set delivery_status = 'held', delivery_error = $2 where id = $1`, [d.id, message])
        return
      }
      if (job.attempts >= job.maxAttempts || err instanceof UnrecoverableError) {
        await markFailed(services, d, message)
        throw new UnrecoverableError(message)
      }
      await services.db.query(`update messages set delivery_error = $2 where id = $1`, [d.id, message])
      throw err
    }
  }, { queue: 'delivery', concurrency: 4 })

  services.jobs.define(OUTBOX_SWEEP_JOB, async () => {
    const cutoff = new Date(services.clock.now().getTime() - 10_000)
    const r = await services.db.query<{ id: number }>(`select id from messages where delivery_status = 'pending' and created_at < $1 order by id limit 500`, [cutoff])
    await queueDeliveries(services, r.rows.map((x) => x.id))
  })
}

export async function startOutboxSweeper(services: Services): Promise<void> {
  await services.jobs.enqueue(OUTBOX_SWEEP_JOB, {}, { dedupeKey: OUTBOX_SWEEP_JOB, repeatEveryMs: 15_000 })
}

/** The customer wrote again: held messages (e.g. WeChat's window had closed) may go now. */
export async function releaseHeld(ctx: Pick<Ctx, 'db' | 'jobs'>, conversationId: number): Promise<void> {
  const r = await ctx.db.query<{ id: number }>(
    `update messages set delivery_status = 'pending' where conversation_id = $1 and delivery_status = 'held' returning id`,
    [conversationId],
  )
  await queueDeliveries(ctx, r.rows.map((x) => x.id))
}

/** 'pending' or 'held' when an earlier reply of the conversation has not gone out; polls up to ORDER_WAIT_MS. */
async function earlierUndelivered(services: Services, d: Delivery): Promise<string | undefined> {
  const until = Date.now() + ORDER_WAIT_MS
  for (;;) {
    const r = await services.db.query<{ delivery_status: string }>(
      `select delivery_status from messages where conversation_id = $1 and id < $2 and delivery_status in ('pending', 'held') order by id limit 1`,
      [d.conversationId, d.id],
    )
    const status = r.rows[0]?.delivery_status
    if (status !== 'pending' || Date.now() > until) return status
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function markFailed(services: Services, d: Delivery, error: string) {
  const ctx = systemCtx(services, 'delivery')
  await services.db.query(`update messages set delivery_status = 'failed', delivery_error = $2 where id = $1`, [d.id, error])
  await services.db.query(
    `insert into messages (conversation_id, direction, sender_type, text, is_private, channel, kind, created_at)
     values ($1, 'internal', 'system', $2, true, $3, 'note', $4)`,
    [d.conversationId, `消息发送失败 / Delivery failed (${d.channel}): ${error.slice(0, 300)} — “${d.text.slice(0, 80)}”`, d.channel, services.clock.now()],
  )
  await ctx.bus.publish(`conversation:${d.conversationId}`, { type: 'delivery_failed', messageId: d.id, error })
  await ctx.bus.publish('inbox', { type: 'activity', conversationId: d.conversationId })
}

export { PULL_CHANNELS }
