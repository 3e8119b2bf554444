/**
 * Everything an agent needs to pick up a conversation without asking the customer again:
 * the messages (private notes included — staff only), who the customer is on which
 * channels, what they asked before, and the hand-off summary (what they asked the bot
 * and what the bot tried).
 */
import type { Db } from '../../bot/db/client.ts'
import { NotFound } from '../../bot/errors.ts'
import { listMessages, readConversation, type Conversation, type MessageRow } from '../../bot/conversations/store.ts'

export interface ConversationDetail {
  conversation: Conversation & { assigneeName: string | null; ownerName: string | null }
  messages: MessageRow[]
  customer: {
    id: string
    name: string | null
    phone: string | null
    email: string | null
    language: string | null
    tier: string
    tags: string[]
    notes: string
  }
  identities: { channel: string; externalId: string; displayName: string | null; lastSeenAt: Date }[]
  history: { id: number; channel: string; status: string; createdAt: Date; closedAt: Date | null; messageCount: number; firstText: string | null }[]
  handoff: { reason: string | null; summary: unknown }
}

const staffName = async (db: Db, id: number | null) =>
  id == null ? null : ((await db.query<{ display_name: string }>('select display_name from staff_users where id = $1', [id])).rows[0]?.display_name ?? null)

export async function conversationDetail(db: Db, id: number): Promise<ConversationDetail> {
  const conv = await readConversation(db, id)
  if (!conv) throw new NotFound(`No conversation ${id}.`)
  const [messages, customer, identities, history] = await Promise.all([
    listMessages(db, id, { includePrivate: true }),
    db.query<any>('select * from customers where id = $1', [conv.customerId]),
    db.query<any>('select * from customer_identities where customer_id = $1 order by last_seen_at desc', [conv.customerId]),
    db.query<any>(
      `select c.id, c.channel, c.status, c.created_at, c.closed_at,
              (select count(*)::int from messages m where m.conversation_id = c.id and not m.is_private) as message_count,
              (select m.text from messages m where m.conversation_id = c.id and m.sender_type = 'customer' order by m.id limit 1) as first_text
         from conversations c where c.customer_id = $1 and c.id <> $2 order by c.created_at desc limit 20`,
      [conv.customerId, id],
    ),
  ])
  const cu = customer.rows[0]
  return {
    conversation: { ...conv, assigneeName: await staffName(db, conv.assigneeId), ownerName: await staffName(db, conv.ownerId) },
    messages,
    customer: { id: cu.id, name: cu.name, phone: cu.phone, email: cu.email, language: cu.language, tier: cu.tier, tags: cu.tags ?? [], notes: cu.notes ?? '' },
    identities: identities.rows.map((r) => ({
      channel: r.channel,
      externalId: r.external_id,
      displayName: r.display_name,
      lastSeenAt: new Date(r.last_seen_at),
    })),
    history: history.rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      status: r.status,
      createdAt: new Date(r.created_at),
      closedAt: r.closed_at && new Date(r.closed_at),
      messageCount: r.message_count,
      firstText: r.first_text == null ? null : String(r.first_text).slice(0, 140),
    })),
    handoff: { reason: conv.handoffReason, summary: conv.handoffSummary },
  }
}
