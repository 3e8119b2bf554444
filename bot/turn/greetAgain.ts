/**
 * "你好" in the middle of a conversation is a check that someone is there, not a new
 * start: the welcome is said once per conversation, later hellos get a short reply that
 * changes from one time to the next (the welcome word for word again reads as a machine).
 */
import type { Reply } from '../conversations/addReply.ts'
import type { Conversation } from '../conversations/rows.ts'
import type { Db } from '../db/client.ts'
import { say, type PhraseKey } from './phrases.ts'

const AGAIN: PhraseKey[] = ['greetingAgain1', 'greetingAgain2', 'greetingAgain3']

export async function greetingReply(tx: Db, conv: Conversation, welcome: Reply): Promise<Reply> {
  const r = await tx.query<{ n: number; last: string | null }>(
    `select count(*)::int as n,
            (select text from messages where conversation_id = $1 and direction = 'out' and not is_private order by id desc limit 1) as last
       from messages where conversation_id = $1 and direction = 'out' and not is_private and kind = 'greeting'`,
    [conv.id],
  )
  const { n, last } = r.rows[0] ?? { n: 0, last: null }
  if (n === 0) return welcome
  // Rotate, and never the same words as the bot's last message.
  const texts = AGAIN.map((k) => say(k, conv.language))
  const text = [...texts.slice(n % texts.length), ...texts.slice(0, n % texts.length)].find((t) => t !== last) ?? texts[0]!
  return { kind: 'greeting', text }
}
