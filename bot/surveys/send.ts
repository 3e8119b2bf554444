/**
 * Send a scheduled survey (a job). Never twice: only a 'scheduled' row is sent, under a row
 * lock. What the rating will be attached to is fixed now, at send time: the agent who
 * handled it, their team, the channel, the knowledge entry that answered.
 */
import type { Ctx } from '../context.ts'
import { lastEntryOf } from '../conversations/messages.ts'
import { readConversation } from '../conversations/store.ts'
import { deliverToCustomer } from '../tickets/deliver.ts'
import { inTicketTx } from '../tickets/effects.ts'
import { sayT } from '../tickets/phrases.ts'
import { findTicket } from '../tickets/store.ts'
import { getSetting } from '../settings.ts'
import { ratingButtons, scaleHint } from './scale.ts'
import { surveyOrNull } from './rows.ts'
import { SURVEY_EXPIRE_JOB } from './schedule.ts'

export async function sendSurvey(ctx: Ctx, surveyId: number): Promise<'sent' | 'skipped'> {
  return inTicketTx(ctx, async (tx, fx) => {
    const s = surveyOrNull((await tx.query(`select * from surveys where id = $1 and status = 'scheduled' for update`, [surveyId])).rows[0])
    if (!s) return 'skipped'
    const now = ctx.clock.now()
    const scale = await getSetting(tx, 'surveys.scale')
    let who: { agentId: number | null; team: string | null; kbEntryId: string | null; conversationId: number | null; channel: string | null }
    let intro: (l: 'zh' | 'en') => string
    let hours: number
    if (s.subject_type === 'ticket') {
      const t = await findTicket(tx, { id: s.ticket_id })
      // Reopened or closed by staff before the callback went out: nothing to ask any more.
      if (t?.status !== 'resolved') {
        await tx.query(`update surveys set status = 'cancelled' where id = $1`, [surveyId])
        return 'skipped'
      }
      who = { agentId: t.assigneeId ?? t.ownerId, team: t.team, kbEntryId: t.kbEntryId, conversationId: t.conversationId, channel: t.channel }
      intro = (l) => sayT('surveyTicket', l, { number: t.number })
      hours = await getSetting(tx, 'tickets.callbackTimeoutHours')
    } else {
      const c = (await readConversation(tx, s.subject_conversation_id))!
      who = { agentId: c.assigneeId ?? c.ownerId, team: c.team, kbEntryId: await lastEntryOf(tx, c.id), conversationId: c.id, channel: c.channel }
      intro = (l) => sayT('surveyConversation', l)
      hours = await getSetting(tx, 'surveys.expireHours')
    }
    if (who.agentId != null && !who.team) {
      const p = await tx.query<{ teams: string[] }>('select teams from agent_presence where user_id = $1', [who.agentId])
      who.team = p.rows[0]?.teams?.[0] ?? null
    }
    const d = await deliverToCustomer(ctx, tx, fx, s.customer_id, { conversationId: who.conversationId, channel: who.channel }, (l) => {
      const buttons = ratingButtons(scale, surveyId, l)
      if (s.subject_type === 'ticket') buttons.push({ label: sayT('btnNotFixed', l), payload: `sv:${surveyId}:nf` })
      return [{ kind: 'system', senderType: 'system', text: `${intro(l)}\n${scaleHint(scale, l)}`, buttons }]
    })
    if (!d) {
      await tx.query(`update surveys set status = 'cancelled' where id = $1`, [surveyId])
      return 'skipped'
    }
    const expiresAt = new Date(now.getTime() + hours * 3_600_000)
    await tx.query(
      `update surveys set status = 'sent', sent_at = $2, expires_at = $3, scale = $4, conversation_id = $5,
         channel = (select channel from conversations where id = $5), agent_id = $6, team = $7, kb_entry_id = $8 where id = $1`,
      [surveyId, now, expiresAt, scale, d.conversationId, who.agentId, who.team, who.kbEntryId],
    )
    await ctx.jobs.enqueue(SURVEY_EXPIRE_JOB, { surveyId }, { db: tx, runAt: expiresAt, dedupeKey: `survey-expire:${surveyId}` })
    return 'sent'
  })
}
