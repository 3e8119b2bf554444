/** The web chat's own SQL: which conversation a visitor is in, and the client ids of their messages. */
import type { Db } from '../../bot/db/client.ts'
import { channelMessageId, clientIdOf } from './inbound.ts'

/** The visitor's open conversation (at most one, by the conversations' partial unique index), or null before they write. */
export async function openConversationOf(db: Db, visitorId: string): Promise<{ id: number; status: string } | null> {
  const r = await db.query<{ id: number; status: string }>(
    `select c.id, c.status from customer_identities i
       join conversations c on c.customer_id = i.customer_id and c.channel = i.channel
      where i.channel = 'webchat' and i.external_id = $1 and c.status <> 'closed'
      order by c.id desc limit 1`,
    [visitorId],
  )
  return r.rows[0] ?? null
}

/** The stored id of a message the visitor sent with this client id (also after a retried POST). */
export async function storedMessageId(db: Db, visitorId: string, clientId: string): Promise<number | null> {
  const r = await db.query<{ id: number }>(`select id from messages where channel = 'webchat' and channel_message_id = $1`, [channelMessageId(visitorId, clientId)])
  return r.rows[0]?.id ?? null
}

/** message id → the client's uuid, for customer messages: the widget matches them to what it already shows. */
export async function clientIds(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const r = await db.query<{ id: number; channel_message_id: string | null }>(
    `select id, channel_message_id from messages where id = any($1) and channel = 'webchat' and channel_message_id is not null`,
    [ids],
  )
  const out = new Map<number, string>()
  for (const row of r.rows) {
    const c = clientIdOf(row.channel_message_id)
    if (c) out.set(row.id, c)
  }
  return out
}
