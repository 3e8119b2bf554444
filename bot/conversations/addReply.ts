/**
 * Store a message to the customer. Push channels get an outbox row ('pending', sent by
 * the delivery job); the web chat reads its replies over its own stream, so its rows
 * carry no delivery state. Live screens hear of it after commit.
 */
import { PULL_CHANNELS } from '../channels/senders.ts'
import type { ConversationTx } from './announce.ts'
import type { Conversation, MessageRow } from './rows.ts'
import type { Button, Link, OutboundKind, OutboundMedia, OutboundMessage, ReplySender } from './types.ts'

export interface Reply {
  kind: OutboundKind
  text: string
  buttons?: Button[]
  links?: Link[]
  images?: string[]
  media?: OutboundMedia
  kbEntryId?: string | null
  /** The model chose this entry (verified) or wrote this answer from these entries (composed): bot/llm/judge.ts. */
  generated?: { mode: 'verified' | 'composed'; entries: string[] }
  senderType?: ReplySender
  senderId?: string | null
  senderName?: string
}

/** `at` defaults to now; the turn passes the customer's message time (WeChat tells its own turn's replies by it). */
export async function addReply(w: ConversationTx, conv: Conversation, reply: Reply, at = w.ctx.clock.now()): Promise<OutboundMessage> {
  const parts = {
    buttons: reply.buttons ?? [],
    links: reply.links ?? [],
    images: reply.images ?? [],
    ...(reply.media ? { media: reply.media } : {}),
    ...(reply.generated ? { generated: reply.generated } : {}),
  }
  const senderType = reply.senderType ?? 'bot'
  const partsJson = JSON.stringify(parts)
  const pending = !PULL_CHANNELS.has(conv.channel)
  const r = await w.tx.query<{ id: number; created_at: Date }>(
    `insert into messages (conversation_id, direction, sender_type, sender_id, text, parts, channel, kb_entry_id, kind, created_at, delivery_status)
     values ($1, 'out', $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id, created_at`,
    [conv.id, senderType, reply.senderId ?? null, reply.text, partsJson, conv.channel, reply.kbEntryId ?? null, reply.kind, at, pending ? 'pending' : null],
  )
  const row = r.rows[0]!
  const createdAt = new Date(row.created_at)
  // An agent's name is joined from staff_users, so their messages are read again at flush.
  const stored: MessageRow | undefined =
    senderType === 'agent'
      ? undefined
      : {
          id: row.id,
          conversationId: conv.id,
          direction: 'out',
          senderType,
          senderId: reply.senderId ?? null,
          senderName: null,
          text: reply.text,
          parts: JSON.parse(partsJson),
          isPrivate: false,
          kbEntryId: reply.kbEntryId ?? null,
          kind: reply.kind,
          createdAt,
          channelMessageId: null,
        }
  w.out.message(conv, row.id, stored && { row: stored, pending })
  return {
    id: row.id,
    conversationId: conv.id,
    channel: conv.channel,
    address: conv.address,
    kind: reply.kind,
    senderType,
    senderName: reply.senderName,
    text: reply.text,
    ...parts,
    kbEntryId: reply.kbEntryId ?? null,
    createdAt,
  }
}

export async function addReplies(w: ConversationTx, conv: Conversation, replies: Reply[], at?: Date): Promise<OutboundMessage[]> {
  const out: OutboundMessage[] = []
  for (const reply of replies) out.push(await addReply(w, conv, reply, at))
  return out
}

/** Something was said in the conversation on the staff's side (a ticket update…): it moves up in lists. */
export async function touch(w: ConversationTx, conv: Pick<Conversation, 'id'>): Promise<void> {
  await w.tx.query('update conversations set updated_at = $2 where id = $1', [conv.id, w.ctx.clock.now()])
}

/** An agent's reply (with a photo or file they sent, if any): the first one stops the first-response clock. */
export async function addAgentReply(w: ConversationTx, conv: Conversation, agentId: number, text: string, media?: OutboundMedia): Promise<OutboundMessage> {
  await w.tx.query('update conversations set first_response_at = coalesce(first_response_at, $2), updated_at = $2 where id = $1', [conv.id, w.ctx.clock.now()])
  return addReply(w, conv, { kind: 'agent', senderType: 'agent', senderId: String(agentId), text, ...(media ? { media } : {}) })
}
