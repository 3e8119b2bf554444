/**
 * Every number the dashboard shows, for one period and channel. Satisfaction, SLA and
 * 👍/👎 come from bot/surveys/reports.ts (the same numbers the reports API exports);
 * conversation counts come from the sets in conversationSets.ts, which the figures link to.
 */
import type { Db } from '../../../bot/db/client.ts'
import { knowledgeFeedbackReport, satisfactionReport, slaReport } from '../../../bot/surveys/reports.ts'
import { unansweredGroups } from '../unanswered/queries.ts'
import { countSet, SETS } from './conversationSets.ts'
import type { Period } from './period.ts'

const share = (n: number, d: number) => (d ? n / d : null)
const sum = (rows: any[], k: string) => rows.reduce((a, r) => a + Number(r[k] ?? 0), 0)

export async function dashboardFigures(db: Db, p: Period) {
  const args = [p.from, p.to, p.channel] as const
  const [total, botResolved, handedOver] = await Promise.all([countSet(db, 'all', p), countSet(db, 'bot_resolved', p), countSet(db, 'handoff', p)])
  const perDay = await db.query<{ d: string; n: number }>(
    `select to_char(c.created_at at time zone $5, 'YYYY-MM-DD') as d, count(*)::int as n from conversations c where c.id in (${SETS.all}) group by 1`,
    [...args, null, p.timezone],
  )
  const byDay = new Map(perDay.rows.map((r) => [r.d, Number(r.n)]))
  const replies = await db.query<{ fallback: number; all: number }>(
    `select count(*) filter (where m.kind = 'fallback')::int as fallback, count(*)::int as all from messages m join conversations c on c.id = m.conversation_id
      where m.sender_type = 'bot' and m.kind in ('answer', 'clarify', 'fallback') and m.created_at >= $1 and m.created_at < $2 and ($3::text is null or c.channel = $3)`,
    [...args],
  )
  const range = { from: p.from, to: p.to }
  const sat = (await satisfactionReport(db, { ...range, groupBy: 'channel', period: 'day', timezone: p.timezone, format: 'json' })).filter(
    (r) => !p.channel || r.key === p.channel,
  )
  const sla = await slaReport(db, range)
  const met = sum(sla, 'first_response_met') + sum(sla, 'resolution_met')
  const judged = met + sum(sla, 'first_response_breached') + sum(sla, 'resolution_breached')
  const frt = await db.query<{ median: number | null; n: number }>(
    `select percentile_cont(0.5) within group (order by extract(epoch from c.first_response_at - coalesce(c.queued_at, c.created_at)))::float8 as median, count(*)::int as n
       from conversations c where c.id in (${SETS.first_response}) and c.first_response_at >= coalesce(c.queued_at, c.created_at)`,
    [...args, null],
  )
  return {
    period: { from: p.fromDay, to: p.toDay, channel: p.channel, timezone: p.timezone },
    conversations: { total, perDay: p.days.map((d) => ({ day: d, count: byDay.get(d) ?? 0 })) },
    botResolved: { count: botResolved, rate: share(botResolved, total) },
    handoff: { count: handedOver, rate: share(handedOver, total) },
    fallback: {
      count: Number(replies.rows[0]?.fallback ?? 0),
      of: Number(replies.rows[0]?.all ?? 0),
      rate: share(Number(replies.rows[0]?.fallback ?? 0), Number(replies.rows[0]?.all ?? 0)),
    },
    satisfaction: {
      answered: sum(sat, 'answered'),
      satisfied: sum(sat, 'satisfied'),
      basic: sum(sat, 'basic'),
      dissatisfied: sum(sat, 'dissatisfied'),
      rate: share(sum(sat, 'satisfied') + sum(sat, 'basic'), sum(sat, 'answered')),
    },
    sla: {
      tickets: sum(sla, 'tickets'),
      met,
      judged,
      rate: share(met, judged),
      firstResponse: share(sum(sla, 'first_response_met'), sum(sla, 'first_response_met') + sum(sla, 'first_response_breached')),
      resolution: share(sum(sla, 'resolution_met'), sum(sla, 'resolution_met') + sum(sla, 'resolution_breached')),
      allChannels: true as const, // slaReport has no channel parameter
    },
    firstResponse: { medianSeconds: frt.rows[0]?.median == null ? null : Math.round(Number(frt.rows[0].median)), conversations: Number(frt.rows[0]?.n ?? 0) },
    topQuestions: await topQuestions(db, p),
    topUnanswered: (await unansweredGroups(db, p)).slice(0, 8).map((g) => ({
      sample: g.sample,
      count: g.count,
      lastSeen: g.lastSeen,
      conversationIds: [...new Set(g.items.map((i) => i.conversationId))].slice(0, 50),
    })),
    lowestRated: await lowestRated(db, p),
  }
}
export type DashboardFigures = Awaited<ReturnType<typeof dashboardFigures>>

async function topQuestions(db: Db, p: Period) {
  const r = await db.query<{ entry_id: string; question: string | null; n: number }>(
    `select m.kb_entry_id as entry_id, max(e.question) as question, count(*)::int as n from messages m
       join conversations c on c.id = m.conversation_id left join kb_entries e on e.id = m.kb_entry_id
      where m.sender_type = 'bot' and m.kind = 'answer' and m.kb_entry_id is not null and m.created_at >= $1 and m.created_at < $2
        and ($3::text is null or c.channel = $3)
      group by 1 order by 3 desc, 1 limit 10`,
    [p.from, p.to, p.channel],
  )
  return r.rows.map((x) => ({ entryId: x.entry_id, question: x.question ?? x.entry_id, count: Number(x.n) }))
}

/** 👍 and 满意/基本满意 count for an entry, 👎 and 不满意 against; lowest share first. All channels (the reports have none). */
async function lowestRated(db: Db, p: Period) {
  const range = { from: p.from, to: p.to }
  const [votes, surveys] = await Promise.all([
    knowledgeFeedbackReport(db, range),
    satisfactionReport(db, { ...range, groupBy: 'entry', period: 'day', timezone: p.timezone, format: 'json' }),
  ])
  const by = new Map<string, { up: number; down: number; good: number; bad: number }>()
  const at = (k: string) => by.get(k) ?? (by.set(k, { up: 0, down: 0, good: 0, bad: 0 }), by.get(k)!)
  for (const v of votes) Object.assign(at(v.key), { up: v.helpful, down: v.not_helpful })
  for (const s of surveys) if (s.key !== '—') Object.assign(at(s.key), { good: s.satisfied + s.basic, bad: s.dissatisfied })
  const ids = [...by.keys()]
  const names = new Map(
    (await db.query<{ id: string; question: string }>('select id, question from kb_entries where id = any($1)', [ids])).rows.map((r) => [r.id, r.question]),
  )
  return ids
    .map((id) => {
      const x = by.get(id)!
      const positive = x.up + x.good
      const negative = x.down + x.bad
      return { entryId: id, question: names.get(id) ?? id, ...x, positive, negative, rate: share(positive, positive + negative) }
    })
    .filter((x) => x.positive + x.negative > 0)
    .sort((a, b) => (a.rate ?? 1) - (b.rate ?? 1) || b.negative - a.negative || (a.entryId < b.entryId ? -1 : 1))
    .slice(0, 8)
}
