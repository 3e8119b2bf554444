/**
 * The survey side of the bot's turn. A button press (sv:…, svr:…, fb:…) is always a
 * rating; a typed "1" / "满意" / "3 太慢了" is one only while a survey is open on this
 * channel. Anything else returns null and the bot's turn goes on as usual. Refusals
 * (expired, someone else's, off the scale) are answered politely, never as errors.
 */
import type { Ctx } from '../context.ts'
import type { Db } from '../db/client.ts'
import { DomainError, ValidationError } from '../errors.ts'
import type { Reply } from '../conversations/addReply.ts'
import type { Conversation } from '../conversations/store.ts'
import type { Effects } from '../tickets/effects.ts'
import { sayT } from '../tickets/phrases.ts'
import { answerReason, answerSurvey } from './answer.ts'
import { parseFeedback, recordFeedback } from './feedback.ts'
import { surveyColumns } from './rows.ts'
import { maxScore, parseRating, type Scale } from './scale.ts'

const openRow = surveyColumns.pick({ id: true, scale: true })

export async function surveyTurn(ctx: Ctx, tx: Db, fx: Effects, conv: Conversation, text: string, payload?: string): Promise<Reply[] | null> {
  const locale = conv.language
  const now = ctx.clock.now()
  const polite = async (fn: (db: Db) => Promise<Reply[]>, scale: Scale = 'three'): Promise<Reply[]> => {
    try {
      // A savepoint: a refused answer must not leave half a change behind in the turn's transaction.
      return await tx.transaction((sp) => fn(sp))
    } catch (err) {
      if (err instanceof ValidationError) return [{ kind: 'system', text: sayT('surveyOutOfScale', locale, { range: `1–${maxScore(scale)}` }) }]
      if (err instanceof DomainError) return [{ kind: 'system', text: sayT('surveyGone', locale) }]
      throw err
    }
  }
  const pressed = payload?.match(/^sv:(\d+):(\d+|nf)$/)
  if (pressed) {
    const surveyId = Number(pressed[1])
    const found = (await tx.query('select id, scale from surveys where id = $1', [surveyId])).rows[0]
    const scale = found ? openRow.parse(found).scale : 'three'
    return polite(
      (db) =>
        answerSurvey(
          ctx,
          db,
          fx,
          { customerId: conv.customerId, surveyId, score: pressed[2] === 'nf' ? 1 : Number(pressed[2]), notFixed: pressed[2] === 'nf' },
          locale,
        ),
      scale,
    )
  }
  const reason = payload?.match(/^svr:(\d+):(\w+)$/)
  if (reason) return polite((db) => answerReason(ctx, db, conv.customerId, Number(reason[1]), reason[2]!, locale))
  const vote = parseFeedback(text, payload)
  if (vote) return recordFeedback({ ctx, tx, out: fx }, conv, vote)

  // Typed ratings only while the bot has the conversation: with an agent, "1" is meant for the agent.
  if (conv.status !== 'bot' || payload) return null
  // Whether a text reads as a rating does not depend on the scale (only its range does), so
  // most messages skip the survey lookup: one round trip less per turn.
  if (!parseRating(text, 'five')) return null
  const open = await tx.query(
    `select id, scale from surveys where customer_id = $1 and channel = $2 and status = 'sent' and expires_at > $3 order by sent_at desc limit 1`,
    [conv.customerId, conv.channel, now],
  )
  if (!open.rows[0]) return null
  const s = openRow.parse(open.rows[0])
  const parsed = parseRating(text, s.scale)
  if (!parsed) return null
  if (parsed.kind === 'outOfScale') return [{ kind: 'system', text: sayT('surveyOutOfScale', locale, { range: `1–${maxScore(s.scale)}` }) }]
  return polite(
    (db) => answerSurvey(ctx, db, fx, { customerId: conv.customerId, surveyId: s.id, score: parsed.score, comment: parsed.comment }, locale),
    s.scale,
  )
}
