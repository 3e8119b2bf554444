/**
 * Tickets and surveys as an app module: the timer jobs (SLA, survey send, survey expiry)
 * and the /api/v1 routes. Add `ticketsModule` to bot/cli/modules.ts.
 */
import type { AppModule } from '../http/app.ts'
import { systemCtx, type Services } from '../context.ts'
import { expireSurvey } from '../surveys/expire.ts'
import { reportRoutes } from '../surveys/routes.ts'
import { SURVEY_EXPIRE_JOB, SURVEY_SEND_JOB } from '../surveys/schedule.ts'
import { sendSurvey } from '../surveys/send.ts'
import { ticketRoutes } from './routes.ts'
import { SLA_TIMER_JOB, type SlaTimer } from './sla.ts'
import { fireSlaTimer } from './slaTimer.ts'

export function defineTicketJobs(services: Services): void {
  services.jobs.define(SLA_TIMER_JOB, async (p: SlaTimer) => void (await fireSlaTimer(systemCtx(services, 'sla'), p)))
  services.jobs.define(SURVEY_SEND_JOB, async (p: { surveyId: number }) => void (await sendSurvey(systemCtx(services, 'surveys'), p.surveyId)))
  services.jobs.define(SURVEY_EXPIRE_JOB, async (p: { surveyId: number }) => void (await expireSurvey(systemCtx(services, 'surveys'), p.surveyId)))
}

export const ticketsModule: AppModule = {
  name: 'tickets',
  async prepare(services) {
    defineTicketJobs(services)
  },
  mount(app) {
    ticketRoutes(app)
    reportRoutes(app)
  },
}
