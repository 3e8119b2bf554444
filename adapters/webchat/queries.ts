/** The web chat's reads: which conversation a visitor is in, and the client ids of their messages. */
import { channelMessageIds, messageIdOf } from '../../bot/conversations/messages.ts'
import { openConversationOfIdentity, recentConversationsOfIdentity } from '../../bot/conversations/store.ts'
import type { Db } from '../../bot/db/client.ts'
import { channelMessageId, clientIdOf } from './inbound.ts'

/** The visitor's open conversation (at most one, by the conversations' partial unique index), or null before they write. */
export const openConversationOf = (db: Db, visitorId: string) => openConversationOfIdentity(db, 'webchat', visitorId)

/** How many of the visitor's latest conversations the widget shows (the one a survey rates, the survey's own…). */
export const RECENT_CONVERSATIONS = 3

/**
 * What the widget follows: the visitor's latest conversations (oldest first), the open one
 * (or null), and the customer behind them (null before they first write).
 */
export async function visitorThread(db: Db, visitorId: string) {
  const recent = (await recentConversationsOfIdentity(db, 'webchat', visitorId, RECENT_CONVERSATIONS)).reverse()
  const open = recent.find((c) => c.status !== 'closed') ?? null
  return { conversationIds: recent.map((c) => c.id), open, latest: recent.at(-1) ?? null, customerId: recent[0]?.customerId ?? null }
}

/** The stored id of a message the visitor sent with this client id (also after a retried POST). */
export const storedMessageId = (db: Db, visitorId: string, clientId: string) => messageIdOf(db, 'webchat', channelMessageId(visitorId, clientId))

/** message id → the client's uuid, for customer messages: the widget matches them to what it already shows. */
export async function clientIds(db: Db, ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>()
  for (const [id, channelId] of await channelMessageIds(db, 'webchat', ids)) {
    const c = clientIdOf(channelId)
    if (c) out.set(id, c)
  }
  return out
}

/** Whether a stored file is in a public message of this visitor's web chat conversations. */
export async function visitorHasFile(db: Db, visitorId: string, fileId: string): Promise<boolean> {
  const r = await db.query(
    `select 1 from messages m join conversations c on c.id = m.conversation_id
       join customer_identities i on i.customer_id = c.customer_id and i.channel = 'webchat'
      where i.external_id = $1 and m.parts->'media'->>'fileId' = $2 and not m.is_private limit 1`,
    [visitorId, fileId],
  )
  return r.rows.length > 0
}
