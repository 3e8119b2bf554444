/** SQL for conversations and messages. */
import type { Db } from '../db/client.ts'
import type { Button, Channel, ConversationStatus, OutboundKind } from './types.ts'

export interface Conversation {
  id: number
  customerId: string
  channel: Channel
  address: Record<string, unknown>
  status: ConversationStatus
  ownerId: number | null
  assigneeId: number | null
  team: string | null
  priority: number
  language: 'zh' | 'en'
  fallbackStreak: number
  pendingOptions: PendingOption[]
  handoffReason: string | null
  handoffSummary: unknown
  queuedAt: Date | null
  assignedAt: Date | null
  firstResponseAt: Date | null
  closedAt: Date | null
  createdAt: Date
  updatedAt: Date
}

/** An option the bot offered: a knowledge entry to answer, or an action. */
export type PendingOption = { kind: 'entry'; entryId: string; label: string } | { kind: 'action'; action: 'handoff' | 'ticket' | 'none'; label: string }

export function toConversation(r: any): Conversation {
  return {
    id: r.id,
    customerId: r.customer_id,
    channel: r.channel,
    address: r.channel_address ?? {},
    status: r.status,
    ownerId: r.owner_id,
    assigneeId: r.assignee_id,
    team: r.team,
    priority: r.priority,
    language: r.language,
    fallbackStreak: r.fallback_streak,
    pendingOptions: r.pending_options ?? [],
    handoffReason: r.handoff_reason,
    handoffSummary: r.handoff_summary,
    queuedAt: r.queued_at && new Date(r.queued_at),
    assignedAt: r.assigned_at && new Date(r.assigned_at),
    firstResponseAt: r.first_response_at && new Date(r.first_response_at),
    closedAt: r.closed_at && new Date(r.closed_at),
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  }
}

export async function readConversation(db: Db, id: number, lock = false): Promise<Conversation | null> {
  const r = await db.query(`select * from conversations where id = $1 ${lock ? 'for update' : ''}`, [id])
  return r.rows[0] ? toConversation(r.rows[0]) : null
}

/** The customer's open conversation on this channel, or a new one (the partial unique index keeps it single). */
export async function openConversation(db: Db, customerId: string, channel: Channel, address: Record<string, unknown>, language: string, now: Date): Promise<Conversation> {
  const found = await db.query(`select * from conversations where customer_id = $1 and channel = $2 and status <> 'closed' for update`, [customerId, channel])
  if (found.rows[0]) {
    if (Object.keys(address).length) await db.query('update conversations set channel_address = $2 where id = $1', [found.rows[0].id, JSON.stringify(address)])
    return toConversation({ ...found.rows[0], channel_address: Object.keys(address).length ? address : found.rows[0].channel_address })
  }
  const r = await db.query(
    `insert into conversations (customer_id, channel, channel_address, language, created_at, updated_at) values ($1, $2, $3, $4, $5, $5) returning *`,
    [customerId, channel, JSON.stringify(address), language, now],
  )
  return toConversation(r.rows[0])
}

export interface MessageRow {
  id: number
  conversationId: number
  direction: 'in' | 'out' | 'internal'
  senderType: 'customer' | 'bot' | 'agent' | 'system'
  senderId: string | null
  senderName?: string | null
  text: string
  parts: { buttons?: Button[]; links?: { title: string; url: string }[]; images?: string[] }
  isPrivate: boolean
  kbEntryId: string | null
  kind: OutboundKind | 'customer' | 'note' | null
  createdAt: Date
}

export function toMessage(r: any): MessageRow {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    direction: r.direction,
    senderType: r.sender_type,
    senderId: r.sender_id,
    senderName: r.sender_name ?? null,
    text: r.text,
    parts: r.parts ?? {},
    isPrivate: r.is_private,
    kbEntryId: r.kb_entry_id,
    kind: r.kind,
    createdAt: new Date(r.created_at),
  }
}

/** Messages of a conversation after a given id (for reconnecting clients); private notes only for staff. */
export async function listMessages(db: Db, conversationId: number, opts: { afterId?: number; includePrivate: boolean; limit?: number }): Promise<MessageRow[]> {
  const r = await db.query(
    `select m.*, u.display_name as sender_name from messages m
       left join staff_users u on m.sender_type = 'agent' and u.id::text = m.sender_id
      where m.conversation_id = $1 and m.id > $2 and ($3 or not m.is_private)
      order by m.id limit $4`,
    [conversationId, opts.afterId ?? 0, opts.includePrivate, opts.limit ?? 500],
  )
  return r.rows.map(toMessage)
}
