/** Reads of messages: what screens show, what the bot said before, which button was pressed. */
import { z } from 'zod'
import type { Db } from '../db/client.ts'
import { messageRow, toMessage, type MessageRow } from './rows.ts'
import type { Button, Channel } from './types.ts'

export type { MessageRow } from './rows.ts'

const WITH_SENDER = `select m.*, u.display_name as sender_name from messages m
  left join staff_users u on m.sender_type = 'agent' and u.id::text = m.sender_id`

/** Messages of a conversation after a given id (for reconnecting clients); private notes only for staff. */
export async function listMessages(db: Db, conversationId: number, opts: { afterId?: number; includePrivate: boolean; limit?: number }): Promise<MessageRow[]> {
  const r = await db.query(`${WITH_SENDER} where m.conversation_id = $1 and m.id > $2 and ($3 or not m.is_private) order by m.id limit $4`, [
    conversationId,
    opts.afterId ?? 0,
    opts.includePrivate,
    opts.limit ?? 500,
  ])
  return r.rows.map(toMessage)
}

/** The rows to announce after a commit, and which of them wait in the outbox: one read for both. */
export async function announcedMessages(db: Db, ids: number[]): Promise<{ rows: MessageRow[]; pending: number[] }> {
  if (ids.length === 0) return { rows: [], pending: [] }
  const r = await db.query(`${WITH_SENDER} where m.id = any($1) order by m.id`, [ids])
  const pending = r.rows.filter((x: { delivery_status?: unknown }) => x.delivery_status === 'pending').map((x: { id: number }) => Number(x.id))
  return { rows: r.rows.map(toMessage), pending }
}

export async function hasMessages(db: Db, conversationId: number): Promise<boolean> {
  return (await db.query('select 1 from messages where conversation_id = $1 limit 1', [conversationId])).rows.length > 0
}

/** The recent public exchange, oldest first (what the agent sees in a handoff summary). */
export async function recentPublic(db: Db, conversationId: number, limit: number): Promise<MessageRow[]> {
  const r = await db.query(`select * from messages where conversation_id = $1 and not is_private order by id desc limit $2`, [conversationId, limit])
  return r.rows.map(toMessage).reverse()
}

/** The customer's last `limit` messages' texts, oldest first (a ticket draft starts from them). */
export async function customerTexts(db: Db, conversationId: number, limit: number): Promise<string[]> {
  const r = await db.query<{ text: string }>(`select text from messages where conversation_id = $1 and sender_type = 'customer' order by id desc limit $2`, [
    conversationId,
    limit,
  ])
  return r.rows.map((x) => x.text).reverse()
}

const answerRef = z.object({ id: z.number(), kb_entry_id: z.string() })

/** The bot's latest knowledge answer in the conversation (of that entry, when given). */
export async function latestAnswer(db: Db, conversationId: number, entryId: string | null): Promise<{ id: number; entryId: string } | null> {
  const r = await db.query(
    `select id, kb_entry_id from messages where conversation_id = $1 and sender_type = 'bot' and kind = 'answer' and kb_entry_id is not null
       and ($2::text is null or kb_entry_id = $2) order by id desc limit 1`,
    [conversationId, entryId],
  )
  const a = r.rows[0] ? answerRef.parse(r.rows[0]) : null
  return a && { id: a.id, entryId: a.kb_entry_id }
}

/** The knowledge entry that answered last in the conversation (surveys rate it). */
export async function lastEntryOf(db: Db, conversationId: number): Promise<string | null> {
  const r = await db.query<{ kb_entry_id: string }>(
    `select kb_entry_id from messages where conversation_id = $1 and kb_entry_id is not null order by id desc limit 1`,
    [conversationId],
  )
  return r.rows[0]?.kb_entry_id ?? null
}

/** A button of a reply we sent to this channel identity; null when the message is not theirs or has no such button. */
export async function sentButton(db: Db, channel: Channel, externalId: string, messageId: number, index: number): Promise<Button | null> {
  const r = await db.query(
    `select m.* from messages m
       join conversations c on c.id = m.conversation_id
       join customer_identities i on i.customer_id = c.customer_id and i.channel = $2 and i.external_id = $3
      where m.id = $1 and m.direction = 'out' and m.channel = $2`,
    [messageId, channel, externalId],
  )
  return r.rows[0] ? (messageRow.parse(r.rows[0]).parts?.buttons?.[index] ?? null) : null
}

/** The stored id of an inbound message with this channel message id. */
export async function messageIdOf(db: Db, channel: Channel, channelMessageId: string): Promise<number | null> {
  const r = await db.query<{ id: number }>(`select id from messages where channel = $1 and channel_message_id = $2`, [channel, channelMessageId])
  return r.rows[0]?.id ?? null
}

/** message id → the channel's message id, for inbound messages among these. */
export async function channelMessageIds(db: Db, channel: Channel, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const r = await db.query<{ id: number; channel_message_id: string }>(
    `select id, channel_message_id from messages where id = any($1) and channel = $2 and channel_message_id is not null`,
    [ids, channel],
  )
  return new Map(r.rows.map((x) => [x.id, x.channel_message_id]))
}

/** The previous customer message counts as context for a follow-up for this long. */
const CONTEXT_MS = 30 * 60_000

/** The customer's message before this one in the conversation (the current one is already stored). */
export async function previousQuestion(db: Db, conversationId: number): Promise<string | null> {
  const r = await db.query<{ text: string; created_at: Date }>(
    `select text, created_at from messages where conversation_id = $1 and sender_type = 'customer' and direction = 'in'
      order by id desc limit 2`,
    [conversationId],
  )
  const [current, row] = r.rows
  if (!current || !row || new Date(current.created_at).getTime() - new Date(row.created_at).getTime() > CONTEXT_MS) return null
  return row.text
}
