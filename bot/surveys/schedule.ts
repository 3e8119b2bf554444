/**
 * Put a survey on the calendar: once per human-handled conversation when it closes, once
 * per ticket resolution (the 回访). The row is inserted with the change that caused it and
 * the unique indexes make a second one impossible; the send is a job, so a restart
 * between "resolved" and the survey loses nothing.
 */
import type { Ctx } from '../context.ts'
import type { Db } from '../db/client.ts'
import type { Conversation } from '../conversations/store.ts'
import { getSetting } from '../settings.ts'
import type { Ticket } from '../tickets/types.ts'

export const SURVEY_SEND_JOB = 'surveys.send'
export const SURVEY_EXPIRE_JOB = 'surveys.expire'

async function enqueueSend(ctx: Ctx, tx: Db, surveyId: number, sendAt: Date) {
  await ctx.jobs.enqueue(SURVEY_SEND_JOB, { surveyId }, { db: tx, runAt: sendAt, dedupeKey: `survey-send:${surveyId}` })
}

/** Only conversations a person handled are surveyed; the bot's own answers are rated with 👍/👎. */
export async function scheduleConversationSurvey(ctx: Ctx, tx: Db, conv: Conversation): Promise<number | null> {
  if (conv.ownerId == null && conv.assigneeId == null) return null
  const sendAt = new Date(ctx.clock.now().getTime() + (await getSetting(tx, 'surveys.delaySec')) * 1000)
  const r = await tx.query<{ id: number }>(
    `insert into surveys (subject_type, subject_conversation_id, customer_id, channel, send_at, created_at)
     values ('conversation', $1, $2, $3, $4, $5)
     on conflict (subject_conversation_id) where subject_type = 'conversation' do nothing returning id`,
    [conv.id, conv.customerId, conv.channel, sendAt, ctx.clock.now()],
  )
  if (!r.rows[0]) return null
  await enqueueSend(ctx, tx, r.rows[0].id, sendAt)
  return r.rows[0].id
}

/** The callback for this resolution of the ticket (a reopened ticket is asked again next time it is resolved). */
export async function scheduleTicketSurvey(ctx: Ctx, tx: Db, t: Ticket): Promise<number | null> {
  const sendAt = new Date(ctx.clock.now().getTime() + (await getSetting(tx, 'surveys.delaySec')) * 1000)
  const r = await tx.query<{ id: number }>(
    `insert into surveys (subject_type, ticket_id, round, customer_id, channel, send_at, created_at)
     values ('ticket', $1, $2, $3, $4, $5, $6)
     on conflict (ticket_id, round) where subject_type = 'ticket' do nothing returning id`,
    [t.id, t.reopenCount + 1, t.customerId, t.channel, sendAt, ctx.clock.now()],
  )
  if (!r.rows[0]) return null
  await enqueueSend(ctx, tx, r.rows[0].id, sendAt)
  return r.rows[0].id
}
