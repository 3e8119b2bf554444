/**
 * 👍 / 👎 under the bot's answers: a light rating for the knowledge entry that answered.
 * The buttons carry fb:<up|down>:<entry>; a typed 👍 / 👎 rates the last answer.
 */
import type { Reply } from '../conversations/addReply.ts'
import type { ConversationTx } from '../conversations/announce.ts'
import { latestAnswer } from '../conversations/messages.ts'
import { offer } from '../conversations/offer.ts'
import type { Conversation } from '../conversations/store.ts'
import type { Locale } from '../conversations/types.ts'
import type { Db } from '../db/client.ts'
import { getSetting } from '../settings.ts'
import { sayT } from '../tickets/phrases.ts'
import { fallbackButtons, fallbackOptions } from '../turn/answer.ts'

/** Add the two buttons to knowledge answers (when the setting is on). */
export async function withFeedbackButtons(tx: Db, replies: Reply[], locale: Locale): Promise<Reply[]> {
  if (!replies.some((r) => r.kind === 'answer' && r.kbEntryId) || !(await getSetting(tx, 'surveys.answerFeedback'))) return replies
  return replies.map((r) =>
    r.kind === 'answer' && r.kbEntryId
      ? {
          ...r,
          buttons: [
            ...(r.buttons ?? []),
            { label: sayT('btnHelpful', locale), payload: `fb:up:${r.kbEntryId}` },
            { label: sayT('btnNotHelpful', locale), payload: `fb:down:${r.kbEntryId}` },
          ],
        }
      : r,
  )
}

export function parseFeedback(text: string, payload?: string): { helpful: boolean; entryId: string | null } | null {
  const m = payload?.match(/^fb:(up|down):(.+)$/)
  if (m) return { helpful: m[1] === 'up', entryId: m[2]! }
  const t = text.trim()
  if (t === '👍' || t === '👎') return { helpful: t === '👍', entryId: null }
  return null
}

/** Record the vote on the latest answer of that entry in this conversation; null when there is no such answer. */
export async function recordFeedback(w: ConversationTx, conv: Conversation, vote: { helpful: boolean; entryId: string | null }): Promise<Reply[] | null> {
  const answer = await latestAnswer(w.tx, conv.id, vote.entryId)
  if (!answer) return null
  await w.tx.query(
    `insert into kb_feedback (entry_id, message_id, customer_id, conversation_id, helpful, created_at) values ($1, $2, $3, $4, $5, $6)
     on conflict (message_id, customer_id) do update set helpful = excluded.helpful, created_at = excluded.created_at`,
    [answer.entryId, answer.id, conv.customerId, conv.id, vote.helpful, w.ctx.clock.now()],
  )
  if (vote.helpful) return [{ kind: 'smalltalk', text: sayT('feedbackUp', conv.language) }]
  // No dead ends: an unhelpful answer offers a person or a ticket.
  await offer(w, conv, fallbackOptions(conv.language))
  return [{ kind: 'fallback', text: sayT('feedbackDown', conv.language), buttons: fallbackButtons(conv.language) }]
}
