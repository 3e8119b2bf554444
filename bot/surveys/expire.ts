/**
 * A survey nobody answered expires (a job at expires_at). For a ticket's callback that
 * closes the ticket as "no_response" — counted apart from satisfied closures.
 */
import type { Ctx } from '../context.ts'
import { inTicketTx } from '../tickets/effects.ts'
import { findTicket } from '../tickets/store.ts'
import { applyStatus } from '../tickets/transition.ts'
import { surveyOrNull } from './rows.ts'

export async function expireSurvey(ctx: Ctx, surveyId: number): Promise<'expired' | 'skipped'> {
  return inTicketTx(ctx, async (tx, fx) => {
    const now = ctx.clock.now()
    const r = await tx.query(`update surveys set status = 'expired' where id = $1 and status = 'sent' and expires_at <= $2 returning *`, [surveyId, now])
    const s = surveyOrNull(r.rows[0])
    if (!s) return 'skipped'
    await tx.query('update surveys set outcome = $2 where id = $1', [surveyId, 'no_response'])
    if (s.subject_type === 'ticket') {
      const t = await findTicket(tx, { id: s.ticket_id }, true)
      if (t?.status === 'resolved') await applyStatus(ctx, tx, fx, t, 'closed', { closeReason: 'no_response' })
    }
    return 'expired'
  })
}
