/**
 * A private note in the conversation: staff see it, the customer never does (it is not
 * sent to any channel). Agents write them; the system writes them to tell the agent what
 * happened behind the scenes (a transfer, a reply the channel would not take).
 */
import type { ConversationTx } from './announce.ts'
import type { Conversation } from './rows.ts'

export interface Note {
  text: string
  /** An agent's id, or omitted for the system. */
  agentId?: number
}

export async function addNote(w: ConversationTx, conv: Pick<Conversation, 'id' | 'channel'>, note: Note): Promise<number> {
  const r = await w.tx.query<{ id: number }>(
    `insert into messages (conversation_id, direction, sender_type, sender_id, text, is_private, channel, kind, created_at)
     values ($1, 'internal', $2, $3, $4, true, $5, 'note', $6) returning id`,
    [conv.id, note.agentId == null ? 'system' : 'agent', note.agentId == null ? null : String(note.agentId), note.text, conv.channel, w.ctx.clock.now()],
  )
  const id = r.rows[0]!.id
  w.out.message(conv, id)
  return id
}

/** A system note, unless the same one was written since `since`: one per silence, not one per held message. */
export async function addNoteOnce(w: ConversationTx, conv: Pick<Conversation, 'id' | 'channel'>, text: string, since: Date): Promise<number | null> {
  const r = await w.tx.query<{ id: number }>(
    `insert into messages (conversation_id, direction, sender_type, text, is_private, channel, kind, created_at)
     select $1, 'internal', 'system', $2::text, true, $3, 'note', $4::timestamptz
      where not exists (select 1 from messages where conversation_id = $1 and is_private and kind = 'note' and text = $2 and created_at >= $5)
     returning id`,
    [conv.id, text, conv.channel, w.ctx.clock.now(), since],
  )
  const id = r.rows[0]?.id ?? null
  if (id != null) w.out.message(conv, id)
  return id
}
