/**
 * What the customer sends in the chat a ticket came from — the photo of the broken goods,
 * the receipt — becomes the ticket's attachments, so whoever works on it sees them without
 * scrolling the chat: the files already there when the ticket is made, and each one the
 * customer sends afterwards while the ticket is not closed (a second photo of the damage
 * often comes after the ticket number). Only files Kefu holds (parts.media.fileId).
 */
import type { Actor } from '../context.ts'
import type { InboundMedia } from '../conversations/media.ts'
import type { Db } from '../db/client.ts'
import { addTicketEvent } from './store.ts'

const mediaUrl = (fileId: string) => `/api/v1/media/${fileId}`

/** A new ticket gets every file the customer sent in its conversation so far. */
export async function attachConversationMedia(tx: Db, ticketId: number, conversationId: number): Promise<void> {
  await tx.query(
    `insert into ticket_attachments (ticket_id, url, title, added_by, created_at, media_id, message_id)
     select $1, '/api/v1/media/' || f.id, coalesce(min(m.parts->'media'->>'title'), ''), 'customer', min(m.created_at), f.id, min(m.id)
       from messages m join media_files f on f.id = m.parts->'media'->>'fileId'
      where m.conversation_id = $2 and m.direction = 'in'
      group by f.id
     on conflict (ticket_id, media_id) where media_id is not null do nothing`,
    [ticketId, conversationId],
  )
}

/**
 * A file the customer just sent (message `messageId` in `conversationId`) goes onto every
 * ticket made from that conversation that is not closed, with a line in its history. The
 * same file twice is one attachment (and one history line). Runs in the turn's transaction.
 */
export async function attachLaterMedia(
  tx: Db,
  actor: Actor,
  at: Date,
  m: { conversationId: number; messageId: number; media: InboundMedia | undefined },
): Promise<number[]> {
  const fileId = m.media?.fileId
  if (!fileId) return []
  const added = await tx.query<{ ticket_id: number }>(
    `insert into ticket_attachments (ticket_id, url, title, added_by, created_at, media_id, message_id)
     select t.id, $3, $4, 'customer', $5, f.id, $6
       from tickets t join media_files f on f.id = $2
      where t.conversation_id = $1 and t.status <> 'closed'
     on conflict (ticket_id, media_id) where media_id is not null do nothing
     returning ticket_id`,
    [m.conversationId, fileId, mediaUrl(fileId), m.media?.title ?? '', at, m.messageId],
  )
  const ids = added.rows.map((r) => Number(r.ticket_id))
  for (const id of ids) {
    await addTicketEvent(tx, actor, id, at, {
      kind: 'customer_file',
      to: mediaUrl(fileId),
      data: { mediaId: fileId, messageId: m.messageId, type: m.media?.type, title: m.media?.title ?? '', contentType: m.media?.contentType ?? null },
    })
    await tx.query('update tickets set updated_at = $2 where id = $1', [id, at])
  }
  return ids
}
