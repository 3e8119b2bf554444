/**
 * A customer answers a survey. Bad answers are refused with a reason: a score off the
 * scale (400), a survey that is not theirs (404 — never say whose it is), one already
 * answered or expired (409). For a ticket this closes the loop (闭环): satisfied → closed;
 * dissatisfied or "not solved" → reopened to its owner with the outcome recorded.
 */
import type { Ctx } from '../context.ts'
import type { Db } from '../db/client.ts'
import { Conflict, NotFound, ValidationError } from '../errors.ts'
import type { Reply } from '../conversations/addReply.ts'
import type { Locale } from '../conversations/types.ts'
import type { Effects } from '../tickets/effects.ts'
import { sayT } from '../tickets/phrases.ts'
import { say } from '../turn/phrases.ts'
import { applyStatus } from '../tickets/transition.ts'
import { mustFindTicket } from '../tickets/store.ts'
import { recordEvent } from '../audit.ts'
import { surveyOrNull } from './rows.ts'
import { levelOf, maxScore } from './scale.ts'

export interface SurveyAnswer {
  customerId: string
  surveyId: number
  score: number
  comment?: string | null
  /** The callback's "问题还没解决" button. */
  notFixed?: boolean
}

export async function openSurveyOf(tx: Db, customerId: string, surveyId: number, now: Date, lock = true) {
  const s = surveyOrNull((await tx.query(`select * from surveys where id = $1 ${lock ? 'for update' : ''}`, [surveyId])).rows[0])
  if (!s || s.customer_id !== customerId) throw new NotFound('No such survey.')
  if (s.status === 'answered') throw new Conflict('This survey has already been answered.', { status: s.status })
  if (s.status !== 'sent' || (s.expires_at && s.expires_at <= now))
    throw new Conflict('This survey has expired.', { status: s.status === 'sent' ? 'expired' : s.status })
  return s
}

export async function answerSurvey(ctx: Ctx, tx: Db, fx: Effects, a: SurveyAnswer, locale: Locale): Promise<Reply[]> {
  const now = ctx.clock.now()
  const s = await openSurveyOf(tx, a.customerId, a.surveyId, now)
  const scale = s.scale
  const score = a.notFixed ? 1 : a.score
  if (!Number.isInteger(score) || score < 1 || score > maxScore(scale))
    throw new ValidationError(`A rating is a whole number from 1 to ${maxScore(scale)}.`, { min: 1, max: maxScore(scale) })
  const level = levelOf(scale, score)
  let outcome: string = level === 'dissatisfied' ? 'dissatisfied' : 'satisfied'
  const replies: Reply[] = []
  if (s.subject_type === 'ticket') {
    const t = await mustFindTicket(tx, { id: s.ticket_id }, true)
    if (level === 'dissatisfied') {
      // The outcome category: not fixed, or — when it already came back once — a repeated failure.
      outcome = a.notFixed ? 'not_fixed' : t.reopenCount > 0 ? 'repeated_failure' : 'dissatisfied'
      const text = sayT('callbackReopened', locale, { number: t.number })
      if (t.status === 'resolved') await applyStatus(ctx, tx, fx, t, 'reopened', { outcome, silent: true, publicText: text })
      const reasons = ['not_fixed', 'dissatisfied_attitude', 'repeated_failure'] as const
      replies.push({ kind: 'system', text, buttons: reasons.map((r) => ({ label: sayT(`reason_${r}`, locale), payload: `svr:${s.id}:${r}` })) })
    } else {
      const text = sayT('callbackClosed', locale, { number: t.number })
      if (t.status === 'resolved') await applyStatus(ctx, tx, fx, t, 'closed', { closeReason: 'satisfied', silent: true, publicText: text })
      replies.push({ kind: 'system', text })
    }
  } else {
    // 不满意 after a chat: ask why (the reason is recorded) and offer a person at once.
    const buttons =
      level === 'dissatisfied'
        ? [
            ...(['not_fixed', 'dissatisfied_attitude'] as const).map((r) => ({ label: sayT(`reason_${r}`, locale), payload: `svr:${s.id}:${r}` })),
            { label: say('btnHuman', locale), payload: 'handoff' },
          ]
        : undefined
    replies.push({ kind: 'system', text: sayT(level === 'dissatisfied' ? 'surveySorry' : 'surveyThanks', locale), buttons })
  }
  await tx.query(`update surveys set status = 'answered', score = $2, level = $3, comment = $4, outcome = $5, answered_at = $6 where id = $1`, [
    s.id,
    score,
    level,
    a.comment ?? null,
    outcome,
    now,
  ])
  await recordEvent(tx, ctx.actor, 'survey.answered', { type: 'survey', id: s.id }, { score, level, outcome, ticketId: s.ticket_id })
  return replies
}

/** After "不满意": the customer says what went wrong; the ticket's outcome follows. */
export async function answerReason(ctx: Ctx, tx: Db, customerId: string, surveyId: number, reason: string, locale: Locale): Promise<Reply[]> {
  const s = surveyOrNull((await tx.query('select * from surveys where id = $1 for update', [surveyId])).rows[0])
  if (!s || s.customer_id !== customerId) throw new NotFound('No such survey.')
  if (s.status !== 'answered' || s.level !== 'dissatisfied' || !['not_fixed', 'dissatisfied_attitude', 'repeated_failure'].includes(reason))
    throw new Conflict('There is nothing to explain for this survey.')
  await tx.query('update surveys set outcome = $2 where id = $1', [s.id, reason])
  if (s.ticket_id) {
    await tx.query('update tickets set outcome = $2 where id = $1', [s.ticket_id, reason])
    await tx.query(`insert into ticket_events (ticket_id, at, actor_type, actor_id, kind, to_value) values ($1, $2, 'customer', $3, 'outcome', $4)`, [
      s.ticket_id,
      ctx.clock.now(),
      customerId,
      reason,
    ])
  }
  await recordEvent(tx, ctx.actor, 'survey.reason', { type: 'survey', id: s.id }, { reason })
  return [{ kind: 'system', text: sayT('reasonThanks', locale) }]
}
