/**
 * The console's attention API: marking a conversation read (unread markers are per agent and
 * kept on the server) and the warnings strip (long waits, tickets near or over their SLA).
 */
import type { Hono } from 'hono'
import { z } from 'zod'
import { markRead } from '../../bot/handoff/readState.ts'
import { apiRoute } from '../../bot/http/api.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import { consoleAlerts } from './alertsQuery.ts'
import { conversationId, staffUserId } from './conversationRoutes.ts'

const TAG = 'console'

export function alertRoutes(app: Hono<AppEnv>) {
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/console/conversations/:id/read',
      role: 'agent',
      tag: TAG,
      summary: 'Mark the conversation read by me, up to its newest message (or messageId)',
      body: z.object({ messageId: z.number().int().positive().optional() }),
    },
    async ({ ctx, params, body }) => markRead(ctx, staffUserId(ctx), conversationId(params), body.messageId),
  )

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/console/alerts',
      role: 'agent',
      tag: TAG,
      summary: 'Customers waiting (count, longest waits) and my tickets near or over their SLA (a supervisor: everyone’s)',
    },
    async ({ ctx }) => {
      const me = ctx.actor.type === 'user' ? ctx.actor.id : 0
      const everyone = 'role' in ctx.actor && ctx.actor.role !== 'agent'
      return consoleAlerts(ctx.db, me, everyone, ctx.clock.now())
    },
  )
}
