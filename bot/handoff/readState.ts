/**
 * What an agent has read: the last message id they have seen in each conversation. Customer
 * messages after it are unread (the console's markers and title badge). Kept on the server, so
 * a reload or a second browser shows the same markers; only ever moves forward.
 */
import type { Ctx } from '../context.ts'
import { NotFound } from '../errors.ts'

/** Mark a conversation read up to its newest message (or `upTo`, if given and older). */
export async function markRead(ctx: Ctx, userId: number, conversationId: number, upTo?: number): Promise<{ lastReadMessageId: number }> {
  const r = await ctx.db.query<{ last: string | null; found: boolean }>(
    `select (select max(id) from messages where conversation_id = $1) as last,
            exists (select 1 from conversations where id = $1) as found`,
    [conversationId],
  )
  if (!r.rows[0]?.found) throw new NotFound(`No conversation ${conversationId}.`)
  const newest = Number(r.rows[0].last ?? 0)
  const last = upTo === undefined ? newest : Math.min(upTo, newest)
  const w = await ctx.db.query<{ last_read_message_id: string }>(
    `insert into conversation_reads (user_id, conversation_id, last_read_message_id, read_at) values ($1, $2, $3, $4)
     on conflict (user_id, conversation_id) do update
       set last_read_message_id = greatest(conversation_reads.last_read_message_id, excluded.last_read_message_id),
           read_at = excluded.read_at
     returning last_read_message_id`,
    [userId, conversationId, last, ctx.clock.now()],
  )
  return { lastReadMessageId: Number(w.rows[0]!.last_read_message_id) }
}

/** SQL for one conversation's unread customer messages for agent $1 (alias `c` is the conversation). */
export const UNREAD_SQL = `(select count(*)::int from messages um
    where um.conversation_id = c.id and um.sender_type = 'customer'
      and um.id > coalesce((select r.last_read_message_id from conversation_reads r
                             where r.user_id = $1 and r.conversation_id = c.id), 0))`
