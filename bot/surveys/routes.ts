/** /api/v1/reports/*: supervisor numbers as JSON, or CSV (UTF-8 with BOM so spreadsheet apps read Chinese). */
import type { Hono } from 'hono'
import { apiRoute } from '../http/api.ts'
import type { AppEnv } from '../http/types.ts'
import { knowledgeFeedbackReport, reportQuery, satisfactionReport, slaReport } from './reports.ts'

const tag = 'reports'

export function toCsv(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return ''
  const cols = Object.keys(rows[0]!)
  // Quote every cell; a leading = + - @ is defused so a spreadsheet never runs it as a formula.
  const cell = (v: unknown) =>
    `"${String(v ?? '')
      .replace(/^([=+\-@])/, "'$1")
      .replaceAll('"', '""')}"`
  return `${[cols.map(cell).join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\r\n')}\r\n`
}

function answer(rows: Record<string, unknown>[], format: 'json' | 'csv', name: string) {
  if (format === 'json') return { rows }
  return new Response(`\uFEFF${toCsv(rows)}`, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` },
  })
}

export function reportRoutes(app: Hono<AppEnv>) {
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/reports/satisfaction',
      role: 'supervisor',
      tag,
      query: reportQuery,
      summary: 'Satisfaction and response rate by agent, team, channel, entry, subject or period (format=csv to export)',
    },
    async ({ ctx, query }) => answer(await satisfactionReport(ctx.db, query), query.format, `satisfaction-by-${query.groupBy}`),
  )
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/reports/sla',
      role: 'supervisor',
      tag,
      query: reportQuery,
      summary: 'SLA compliance and how tickets closed, by priority (format=csv to export)',
    },
    async ({ ctx, query }) => answer(await slaReport(ctx.db, query), query.format, 'sla'),
  )
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/reports/knowledge-feedback',
      role: 'supervisor',
      tag,
      query: reportQuery,
      summary: '👍 / 👎 per knowledge entry (format=csv to export)',
    },
    async ({ ctx, query }) => answer(await knowledgeFeedbackReport(ctx.db, query), query.format, 'knowledge-feedback'),
  )
}
