/**
 * Persist a message to the customer (or an internal note) and announce it: the
 * conversation's live screens and the agents' inbox hear about it through the bus.
 */
import type { Ctx } from '../context.ts'
import type { Db } from '../db/client.ts'
import type { Conversation } from './store.ts'
import { toMessage, type MessageRow } from './store.ts'
import type { Button, OutboundKind, OutboundMessage } from './types.ts'
import { PULL_CHANNELS } from '../channels/senders.ts'
import { queueDeliveries } from '../channels/deliver.ts'

export interface Reply {
  kind: OutboundKind
  text: string
  buttons?: Button[]
  links?: { title: string; url: string }[]
  images?: string[]
  kbEntryId?: string | null
  senderType?: 'bot' | 'agent' | 'system'
  senderId?: string | null
  senderName?: string
}

export async function insertReply(db: Db, conv: Conversation, reply: Reply, now: Date): Promise<OutboundMessage> {
  const parts = { buttons: reply.buttons ?? [], links: reply.links ?? [], images: reply.images ?? [] }
  const r = await db.query<any>(
    `insert into messages (conversation_id, direction, sender_type, sender_id, text, parts, channel, kb_entry_id, kind, created_at, delivery_status)
     values ($1, 'out', $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id, created_at`,
    // Push channels get an outbox row ('pending'); the web chat reads its replies over its own stream.
    [conv.id, reply.senderType ?? 'bot', reply.senderId ?? null, reply.text, JSON.stringify(parts), conv.channel, reply.kbEntryId ?? null, reply.kind, now,
      PULL_CHANNELS.has(conv.channel) ? null : 'pending'],
  )
  return {
    id: r.rows[0].id,
    conversationId: conv.id,
    channel: conv.channel,
    address: conv.address,
    kind: reply.kind,
    senderType: reply.senderType ?? 'bot',
    senderName: reply.senderName,
    text: reply.text,
    ...parts,
    kbEntryId: reply.kbEntryId ?? null,
    createdAt: new Date(r.rows[0].created_at),
  }
}

/** After commit: queue push deliveries and tell live screens. Failures here never undo the stored message. */
export async function announceMessages(ctx: Pick<Ctx, 'bus' | 'log' | 'db' | 'jobs'>, conversationId: number, ids: number[]): Promise<void> {
  if (ids.length === 0) return
  try {
    // Fast path; the outbox sweeper catches whatever a crash right here would leave pending.
    const pending = await ctx.db.query<{ id: number }>(`select id from messages where id = any($1) and delivery_status = 'pending' order by id`, [ids])
    await queueDeliveries(ctx, pending.rows.map((r) => r.id))
  } catch (err) {
    ctx.log.warn({ err }, 'could not queue deliveries; the outbox sweeper will')
  }
  try {
    const r = await ctx.db.query(
      `select m.*, u.display_name as sender_name from messages m
         left join staff_users u on m.sender_type = 'agent' and u.id::text = m.sender_id
        where m.id = any($1) order by m.id`,
      [ids],
    )
    for (const row of r.rows) {
      const message: MessageRow = toMessage(row)
      await ctx.bus.publish(`conversation:${conversationId}`, { type: 'message', message })
    }
    await ctx.bus.publish('inbox', { type: 'activity', conversationId })
  } catch (err) {
    ctx.log.warn({ err }, 'could not announce messages')
  }
}

export async function announceStatus(ctx: Pick<Ctx, 'bus' | 'log'>, conv: Pick<Conversation, 'id' | 'status' | 'assigneeId'>): Promise<void> {
  try {
    await ctx.bus.publish(`conversation:${conv.id}`, { type: 'status', status: conv.status, assigneeId: conv.assigneeId })
    await ctx.bus.publish('inbox', { type: 'status', conversationId: conv.id, status: conv.status, assigneeId: conv.assigneeId })
  } catch (err) {
    ctx.log.warn({ err }, 'could not announce status')
  }
}
