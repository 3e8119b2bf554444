/** /api/v1/panel/dashboard: the dashboard's figures as JSON, and the conversations behind any one of them. */
import type { Hono } from 'hono'
import { apiRoute } from '../../../bot/http/api.ts'
import type { AppEnv } from '../../../bot/http/types.ts'
import { argOf, listQuery, listSet } from './conversationSets.ts'
import { dashboardFigures } from './figures.ts'
import { periodQuery, resolvePeriod } from './period.ts'

const tag = 'panel'

export function dashboardRoutes(app: Hono<AppEnv>) {
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/panel/dashboard',
      role: 'supervisor',
      tag,
      query: periodQuery,
      summary:
        'Dashboard figures for a period (from/to days, default the last 14) and channel: conversations per day, bot-resolved, handoff, fallback, satisfaction, SLA, first response, top and unanswered questions, lowest-rated entries',
    },
    async ({ ctx, query }) => dashboardFigures(ctx.db, await resolvePeriod(ctx.db, query, ctx.clock.now())),
  )
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/panel/dashboard/conversations',
      role: 'supervisor',
      tag,
      query: periodQuery.extend(listQuery.shape),
      summary:
        'The conversations behind one dashboard figure (show=all|bot_resolved|handoff|fallback|first_response|surveyed|dissatisfied|tickets|entry|rated|ids)',
    },
    async ({ ctx, query }) => {
      const p = await resolvePeriod(ctx.db, query, ctx.clock.now())
      return listSet(ctx.db, query.show, p, argOf(query), query.page)
    },
  )
}
