/**
 * The supervisor's numbers: satisfaction (满意率 = satisfied + basically satisfied among
 * answers) and response rate by agent, team, channel, knowledge entry or period; SLA
 * compliance; how tickets were closed (satisfied vs no answer, counted apart); 👍/👎 per entry.
 */
import { z } from 'zod'
import type { Db } from '../db/client.ts'
import { int } from '../db/columns.ts'

export const reportQuery = z.object({
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  groupBy: z.enum(['agent', 'team', 'channel', 'period', 'entry', 'subject']).default('agent'),
  period: z.enum(['day', 'week', 'month']).default('day'),
  subject: z.enum(['conversation', 'ticket']).optional(),
  timezone: z.string().min(1).max(60).default('Asia/Shanghai'),
  format: z.enum(['json', 'csv']).default('json'),
})
export type ReportQuery = z.infer<typeof reportQuery>

// Whitelisted grouping expressions: the only SQL that varies with the request.
const KEYS: Record<ReportQuery['groupBy'], string> = {
  agent: `coalesce(u.display_name, '—')`,
  team: `coalesce(s.team, '—')`,
  channel: `coalesce(s.channel, '—')`,
  entry: `coalesce(s.kb_entry_id, '—')`,
  subject: 's.subject_type',
  period: `to_char(date_trunc($4, s.sent_at at time zone $5), 'YYYY-MM-DD')`,
}

const range = (q: Pick<ReportQuery, 'from' | 'to'>) => [q.from ?? new Date(0), q.to ?? new Date('9999-01-01')]
const rate = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : null)

// Each row as the query selects it, in its column order: the CSV export keeps that order.
const satisfactionRow = z.object({ key: z.string(), sent: int, answered: int, satisfied: int, basic: int, dissatisfied: int })
const slaRow = z.object({
  key: z.string(),
  tickets: int,
  first_response_met: int,
  first_response_breached: int,
  resolution_met: int,
  resolution_breached: int,
  closed_satisfied: int,
  closed_no_response: int,
  closed_by_staff: int,
  reopened: int,
})
const feedbackRow = z.object({ key: z.string(), helpful: int, not_helpful: int })

export async function satisfactionReport(db: Db, q: ReportQuery) {
  const r = await db.query(
    `select ${KEYS[q.groupBy]} as key, count(*)::int as sent,
            count(*) filter (where s.status = 'answered')::int as answered,
            count(*) filter (where s.level = 'satisfied')::int as satisfied,
            count(*) filter (where s.level = 'basic')::int as basic,
            count(*) filter (where s.level = 'dissatisfied')::int as dissatisfied
       from surveys s left join staff_users u on u.id = s.agent_id
      where s.sent_at is not null and s.sent_at >= $1 and s.sent_at < $2 and ($3::text is null or s.subject_type = $3)
        and $4::text is not null and $5::text is not null
      group by 1 order by 1`,
    [...range(q), q.subject ?? null, q.period, q.timezone],
  )
  return r.rows
    .map((row) => satisfactionRow.parse(row))
    .map((x) => ({
      ...x,
      satisfactionRate: rate(x.satisfied + x.basic, x.answered),
      satisfiedRate: rate(x.satisfied, x.answered),
      responseRate: rate(x.answered, x.sent),
    }))
}

/**
 * SLA compliance of tickets created in the range: a clock is met when it stopped before it
 * was breached. A duplicate merged into another ticket is not a case of its own: left out.
 */
export async function slaReport(db: Db, q: Pick<ReportQuery, 'from' | 'to'>) {
  const r = await db.query(
    `select priority as key, count(*)::int as tickets,
            count(*) filter (where first_responded_at is not null and first_response_breached_at is null)::int as first_response_met,
            count(*) filter (where first_response_breached_at is not null)::int as first_response_breached,
            count(*) filter (where (resolved_at is not null or closed_at is not null) and resolution_breached_at is null)::int as resolution_met,
            count(*) filter (where resolution_breached_at is not null)::int as resolution_breached,
            count(*) filter (where close_reason = 'satisfied')::int as closed_satisfied,
            count(*) filter (where close_reason = 'no_response')::int as closed_no_response,
            count(*) filter (where close_reason = 'staff')::int as closed_by_staff,
            count(*) filter (where reopen_count > 0)::int as reopened
       from tickets where created_at >= $1 and created_at < $2 and merged_into_id is null group by 1 order by 1`,
    range(q),
  )
  return r.rows
    .map((row) => slaRow.parse(row))
    .map((x) => ({
      ...x,
      firstResponseCompliance: rate(x.first_response_met, x.first_response_met + x.first_response_breached),
      resolutionCompliance: rate(x.resolution_met, x.resolution_met + x.resolution_breached),
    }))
}

/** 👍 / 👎 per knowledge entry, beside the survey levels of conversations it answered in. */
export async function knowledgeFeedbackReport(db: Db, q: Pick<ReportQuery, 'from' | 'to'>) {
  const r = await db.query(
    `select entry_id as key, count(*) filter (where helpful)::int as helpful, count(*) filter (where not helpful)::int as not_helpful
       from kb_feedback where created_at >= $1 and created_at < $2 group by 1 order by 1`,
    range(q),
  )
  return r.rows.map((row) => feedbackRow.parse(row)).map((x) => ({ ...x, helpfulRate: rate(x.helpful, x.helpful + x.not_helpful) }))
}
