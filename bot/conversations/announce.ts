/**
 * What a change to conversations must tell others — new messages to live screens and the
 * outbox, status to the inbox, a failed delivery to the agent — is collected while the
 * transaction runs and told after it commits, so nobody hears about a change that was
 * rolled back. Every writer in bot/conversations/ takes one of these. A writer may hand
 * over the row its INSERT returned; the flush announces those as they are when the
 * transaction rolled back no savepoint (one round trip less per turn), and otherwise reads
 * the messages again by id, so ids from a rolled-back savepoint announce nothing.
 */
import type { Ctx } from '../context.ts'
import type { Db } from '../db/client.ts'
import { mark } from '../perf/turnProfile.ts'
import { customerTopic, type BusEvent } from '../events/bus.ts'
import { queueDeliveries } from './jobs.ts'
import { announcedMessages, type MessageRow } from './messages.ts'
import type { Conversation } from './rows.ts'

/** A message as the statement that stored it returned it; pending: it waits in the outbox. */
export interface StoredMessage {
  row: MessageRow
  pending: boolean
}

type Status = Pick<Conversation, 'id' | 'status' | 'assigneeId'>
/** Private notes come without a customer: only staff screens hear of them. */
type Where = Pick<Conversation, 'id' | 'channel'> & { customerId?: string }

export class Announcements {
  private readonly messages = new Map<number, { conv: Where; ids: number[]; stored: (StoredMessage | undefined)[] }>()
  /** Set as the transaction ends: the stored rows handed over are what it committed. */
  private rowsStand = false
  private readonly statuses = new Map<number, Status>()
  private readonly events: [conversationId: number, BusEvent][] = []
  private readonly deliveries: number[] = []
  private readonly afters: (() => Promise<void>)[] = []

  /** A stored message: live screens see it; a push channel's outbox row is queued. */
  message(conv: Where, id: number, stored?: StoredMessage): void {
    const at = this.messages.get(conv.id) ?? { conv: { id: conv.id, customerId: conv.customerId, channel: conv.channel }, ids: [], stored: [] }
    at.ids.push(id)
    at.stored.push(stored)
    this.messages.set(conv.id, at)
  }
  /** Called last inside the transaction. */
  settle(tx: Db): void {
    this.rowsStand = tx.rolledBack === 0
  }
  /** Who has the conversation now (the last one per conversation is told). */
  status(conv: Status): void {
    this.statuses.set(conv.id, { id: conv.id, status: conv.status, assigneeId: conv.assigneeId })
  }
  /** A conversation event besides messages and status; the inbox hears "activity". */
  event(conversationId: number, event: BusEvent): void {
    this.events.push([conversationId, event])
  }
  /** Rows made pending again (held ones released): only the outbox needs to know. */
  deliver(ids: number[]): void {
    this.deliveries.push(...ids)
  }
  /** Other after-commit work (staff pings of a ticket change…), run last. */
  after(fn: () => Promise<void>): void {
    this.afters.push(fn)
  }

  async flush(ctx: Pick<Ctx, 'bus' | 'log' | 'db' | 'jobs'>): Promise<void> {
    const tell = async (what: string, fn: () => Promise<void>) => {
      // Failures here never undo the stored change; the outbox sweeper catches undelivered rows.
      try {
        await fn()
      } catch (err) {
        ctx.log.warn({ err }, `could not ${what}`)
      }
    }
    await tell('queue deliveries', () => queueDeliveries(ctx, this.deliveries))
    for (const [conversationId, { conv, ids, stored: kept }] of this.messages) {
      let stored: Awaited<ReturnType<typeof announcedMessages>> = { rows: [], pending: [] }
      const known = this.rowsStand ? kept.filter((k) => k !== undefined) : []
      if (known.length === ids.length) stored = { rows: known.map((k) => k.row), pending: known.filter((k) => k.pending).map((k) => k.row.id) }
      else await tell('read messages to announce', async () => void (stored = await announcedMessages(ctx.db, ids)))
      await tell('queue deliveries', () => queueDeliveries(ctx, stored.pending))
      await tell('announce messages', async () => {
        for (const message of stored.rows) {
          await ctx.bus.publish(`conversation:${conversationId}`, { type: 'message', message })
          // The customer's own screen follows them, not one conversation: a survey or a ticket
          // update that opens the next conversation still reaches the web chat they have open.
          if (conv.customerId && !message.isPrivate && message.direction !== 'internal') {
            await ctx.bus.publish(customerTopic(conv.customerId, conv.channel), { type: 'message', message })
          }
        }
        await ctx.bus.publish('inbox', { type: 'activity', conversationId })
      })
    }
    for (const s of this.statuses.values()) await tell('announce status', () => announceStatus(ctx, s))
    for (const [conversationId, event] of this.events) {
      await tell('announce an event', async () => {
        await ctx.bus.publish(`conversation:${conversationId}`, event)
        await ctx.bus.publish('inbox', { type: 'activity', conversationId })
      })
    }
    for (const fn of this.afters) await fn()
  }
}

export async function announceStatus(ctx: Pick<Ctx, 'bus'>, s: Status): Promise<void> {
  await ctx.bus.publish(`conversation:${s.id}`, { type: 'status', status: s.status, assigneeId: s.assigneeId })
  await ctx.bus.publish('inbox', { type: 'status', conversationId: s.id, status: s.status, assigneeId: s.assigneeId })
}

/** What every conversation verb receives: who acts, the transaction, and where to collect announcements. */
export interface ConversationTx {
  ctx: Ctx
  tx: Db
  out: Announcements
}

/** One transaction of conversation changes, announced after commit. */
export async function inConversationTx<T>(ctx: Ctx, fn: (w: ConversationTx) => Promise<T>, out = new Announcements()): Promise<T> {
  const result = await ctx.db.transaction(async (tx) => {
    const r = await fn({ ctx, tx, out })
    out.settle(tx)
    return r
  })
  mark('publish')
  await out.flush(ctx)
  return result
}
