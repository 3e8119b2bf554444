/**
 * Who is at work and what they have: the agents list (presence and load, for transfer
 * and assignment), the console's presence switch and heartbeat, and canned responses.
 */
import type { Hono } from 'hono'
import { z } from 'zod'
import type { Db } from '../../bot/db/client.ts'
import { ValidationError } from '../../bot/errors.ts'
import { heartbeat, PRESENCES, setPresence, type Presence } from '../../bot/handoff/presence.ts'
import { apiRoute } from '../../bot/http/api.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import { cannedInput, deleteCanned, listCanned, saveCanned } from './canned.ts'
import { staffUserId } from './conversationRoutes.ts'

const TAG = 'console'

export interface AgentRow {
  id: number
  displayName: string
  role: string
  status: Presence
  load: number
  capacity: number
  teams: string[]
  lastSeenAt: Date | null
}

export async function listAgents(db: Db): Promise<AgentRow[]> {
  const r = await db.query<any>(
    `select u.id, u.display_name, u.role, coalesce(p.status, 'offline') as status, coalesce(p.capacity, 5) as capacity,
            coalesce(p.teams, '{}') as teams, p.last_seen_at,
            (select count(*)::int from conversations c where c.assignee_id = u.id and c.status = 'agent') as load
       from staff_users u left join agent_presence p on p.user_id = u.id
      where not u.disabled
      order by (coalesce(p.status, 'offline') = 'online') desc, u.display_name`,
  )
  return r.rows.map((x) => ({
    id: x.id,
    displayName: x.display_name,
    role: x.role,
    status: x.status,
    load: x.load,
    capacity: x.capacity,
    teams: x.teams,
    lastSeenAt: x.last_seen_at && new Date(x.last_seen_at),
  }))
}

const cannedId = (params: Record<string, string>) => {
  const id = Number(params.id)
  if (!Number.isSafeInteger(id) || id <= 0) throw new ValidationError('The canned response id must be a positive number.')
  return id
}

export function staffRoutes(app: Hono<AppEnv>) {
  apiRoute(
    app,
    { method: 'get', path: '/api/v1/console/agents', role: 'agent', tag: TAG, summary: 'Staff with their presence and number of open conversations' },
    async ({ ctx }) => ({
      items: await listAgents(ctx.db),
    }),
  )

  apiRoute(
    app,
    {
      method: 'put',
      path: '/api/v1/console/presence',
      role: 'agent',
      tag: TAG,
      summary: 'Set my presence; going offline puts my conversations back in the queue',
      body: z.object({ status: z.enum(PRESENCES) }),
    },
    async ({ ctx, body }) => {
      await setPresence(ctx, staffUserId(ctx), body.status)
      return { status: body.status }
    },
  )

  apiRoute(
    app,
    { method: 'post', path: '/api/v1/console/heartbeat', role: 'agent', tag: TAG, summary: 'The open console says it is still there (every 20 s)' },
    async ({ ctx }) => {
      await heartbeat(ctx, staffUserId(ctx))
      return { ok: true }
    },
  )

  apiRoute(
    app,
    { method: 'get', path: '/api/v1/console/canned', role: 'agent', tag: TAG, summary: 'Canned responses (agents send one by typing /shortcut)' },
    async ({ ctx }) => ({
      items: await listCanned(ctx.db),
    }),
  )

  apiRoute(
    app,
    { method: 'post', path: '/api/v1/console/canned', role: 'supervisor', tag: TAG, status: 201, summary: 'Add a canned response', body: cannedInput },
    async ({ ctx, body }) => saveCanned({ ctx, input: body }),
  )

  apiRoute(
    app,
    { method: 'put', path: '/api/v1/console/canned/:id', role: 'supervisor', tag: TAG, summary: 'Change a canned response', body: cannedInput },
    async ({ ctx, params, body }) => saveCanned({ ctx, id: cannedId(params), input: body }),
  )

  apiRoute(
    app,
    { method: 'delete', path: '/api/v1/console/canned/:id', role: 'supervisor', tag: TAG, summary: 'Delete a canned response' },
    async ({ ctx, params }) => {
      await deleteCanned({ ctx, id: cannedId(params) })
      return { ok: true }
    },
  )
}
