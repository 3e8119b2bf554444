/**
 * Reads of conversations: the row itself, the customer's open one, where to reach them.
 * Writes are the verbs beside this file; messages are read in messages.ts.
 */
import { z } from 'zod'
import type { Db } from '../db/client.ts'
import { CONVERSATION_COLUMNS, toConversation, type Conversation } from './rows.ts'
import { channelSchema, conversationStatusSchema, type Channel } from './types.ts'

export { toConversation, type Conversation, type PendingOption } from './rows.ts'
export { listMessages, type MessageRow } from './messages.ts'

export async function readConversation(db: Db, id: number, lock = false): Promise<Conversation | null> {
  const r = await db.query(`select * from conversations where id = $1 ${lock ? 'for update' : ''}`, [id])
  return r.rows[0] ? toConversation(r.rows[0]) : null
}

/** A conversation as the turn opens it: whether a ticket is being collected in it comes along (bot/tickets/chatDraft.ts). */
export type OpenedConversation = Conversation & { hasDraft: boolean }

/** The customer's open conversation on a channel, locked (the partial unique index keeps it single). */
export async function lockOpenConversation(db: Db, customerId: string, channel: Channel): Promise<OpenedConversation | null> {
  const r = await db.query(
    `select ${CONVERSATION_COLUMNS}, exists (select 1 from ticket_drafts d where d.conversation_id = conversations.id) as has_draft
       from conversations where customer_id = $1 and channel = $2 and status <> 'closed' for update`,
    [customerId, channel],
  )
  return r.rows[0] ? { ...toConversation(r.rows[0]), hasDraft: r.rows[0].has_draft === true } : null
}

/** Still waiting since that moment (the no-agent timer's check), locked; null when someone took it or it moved on. */
export async function lockWaitingSince(db: Db, id: number, queuedAt: Date): Promise<Conversation | null> {
  const r = await db.query(`select * from conversations where id = $1 and status = 'waiting' and queued_at = $2 for update`, [id, queuedAt])
  return r.rows[0] ? toConversation(r.rows[0]) : null
}

/** The conversations an agent is working on now, locked. */
export async function lockAssignedTo(db: Db, agentId: number): Promise<Conversation[]> {
  const r = await db.query(`select * from conversations where assignee_id = $1 and status = 'agent' order by id for update`, [agentId])
  return r.rows.map(toConversation)
}

const lastPlace = z.object({ channel: channelSchema, channel_address: z.record(z.string(), z.unknown()).nullable(), language: z.string() })

/** Where we last heard from the customer: on that channel if given, open conversations first. */
export async function lastPlaceOf(db: Db, customerId: string, channel: string | null): Promise<z.infer<typeof lastPlace> | null> {
  const r = await db.query(
    `select channel, channel_address, language from conversations where customer_id = $1 and ($2::text is null or channel = $2)
      order by (status <> 'closed') desc, id desc limit 1`,
    [customerId, channel],
  )
  return r.rows[0] ? lastPlace.parse(r.rows[0]) : null
}

/** When the customer last wrote on this channel, in any conversation (a survey may have opened a new one). */
export async function lastHeardOnChannel(db: Db, conversationId: number): Promise<Date | null> {
  const r = await db.query<{ at: Date | null }>(
    `select max(c.last_customer_message_at) as at from conversations c, conversations me
      where me.id = $1 and c.customer_id = me.customer_id and c.channel = me.channel`,
    [conversationId],
  )
  return r.rows[0]?.at ? new Date(r.rows[0].at) : null
}

const openOf = z.object({ id: z.number(), status: conversationStatusSchema })

/** The open conversation of a channel identity (a web visitor…), or null before they write. */
export async function openConversationOfIdentity(db: Db, channel: Channel, externalId: string): Promise<z.infer<typeof openOf> | null> {
  const r = await db.query(
    `select c.id, c.status from customer_identities i
       join conversations c on c.customer_id = i.customer_id and c.channel = i.channel
      where i.channel = $1 and i.external_id = $2 and c.status <> 'closed'
      order by c.id desc limit 1`,
    [channel, externalId],
  )
  return r.rows[0] ? openOf.parse(r.rows[0]) : null
}

const recentOf = z.object({ id: z.number(), status: conversationStatusSchema, customer_id: z.string() })

/**
 * A channel identity's latest conversations there, newest first: the web chat shows the
 * customer what was said across them, so a survey or a ticket update that came after a
 * conversation closed does not hide the conversation it is about.
 */
export async function recentConversationsOfIdentity(db: Db, channel: Channel, externalId: string, limit: number) {
  const r = await db.query(
    `select c.id, c.status, c.customer_id from customer_identities i
       join conversations c on c.customer_id = i.customer_id and c.channel = i.channel
      where i.channel = $1 and i.external_id = $2
      order by c.id desc limit $3`,
    [channel, externalId, limit],
  )
  return r.rows.map((row) => {
    const c = recentOf.parse(row)
    return { id: c.id, status: c.status, customerId: c.customer_id }
  })
}
