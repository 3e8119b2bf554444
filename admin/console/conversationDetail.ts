/**
 * Everything an agent needs to pick up a conversation without asking the customer again:
 * the messages (private notes included — staff only), who the customer is (by a name, never
 * an opaque id) on which channels, the tickets opened in this chat and their other tickets
 * with SLA state, their conversations on every channel, the labels, and the hand-off
 * summary (what they asked, what the bot tried, the numbers they gave) — the rules' one, and
 * the model's when one wrote it.
 */
import type { Db } from '../../bot/db/client.ts'
import { NotFound } from '../../bot/errors.ts'
import { labelsOf } from '../../bot/conversations/labels.ts'
import { listMessages, readConversation, type Conversation, type MessageRow } from '../../bot/conversations/store.ts'
import type { Locale } from '../../bot/conversations/types.ts'
import { latestModelSummary } from '../../bot/llm/summarize.ts'
import { customerProfile, type CustomerProfile, type TicketBrief } from '../../bot/customers/readCustomer.ts'

export interface ConversationDetail {
  conversation: Conversation & { assigneeName: string | null; ownerName: string | null }
  messages: MessageRow[]
  customer: Omit<CustomerProfile, 'identities' | 'conversations' | 'tickets'>
  identities: CustomerProfile['identities']
  /** The customer's other conversations, on every channel, newest first. */
  history: CustomerProfile['conversations']
  tickets: { thisChat: TicketBrief[]; other: TicketBrief[] }
  labels: string[]
  handoff: { reason: string | null; summary: unknown; model: Awaited<ReturnType<typeof latestModelSummary>> }
}

const staffName = async (db: Db, id: number | null) =>
  id == null ? null : ((await db.query<{ display_name: string }>('select display_name from staff_users where id = $1', [id])).rows[0]?.display_name ?? null)

export async function conversationDetail(db: Db, id: number, locale: Locale): Promise<ConversationDetail> {
  const conv = await readConversation(db, id)
  if (!conv) throw new NotFound(`No conversation ${id}.`)
  const [messages, profile, labels, model] = await Promise.all([
    listMessages(db, id, { includePrivate: true }),
    customerProfile(db, conv.customerId, locale),
    labelsOf(db, id),
    latestModelSummary(db, id),
  ])
  const { identities, conversations, tickets, ...customer } = profile
  return {
    conversation: { ...conv, assigneeName: await staffName(db, conv.assigneeId), ownerName: await staffName(db, conv.ownerId) },
    messages,
    customer,
    identities,
    history: conversations.filter((c) => c.id !== id),
    tickets: { thisChat: tickets.filter((t) => t.conversationId === id), other: tickets.filter((t) => t.conversationId !== id) },
    labels,
    handoff: { reason: conv.handoffReason, summary: conv.handoffSummary, model },
  }
}
