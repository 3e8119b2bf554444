/**
 * The console's conversation API. Routes only parse and call the verbs in
 * bot/handoff/agentActions.ts, which hold the rules (one winner of two accepts, 409 with
 * a reason on stale actions) and announce every change live.
 */
import type { Hono } from 'hono'
import { z } from 'zod'
import type { Ctx } from '../../bot/context.ts'
import { Forbidden, ValidationError } from '../../bot/errors.ts'
import {
  acceptConversation,
  assignConversation,
  closeConversation,
  returnToBot,
  sendAgentMessage,
  transferConversation,
} from '../../bot/handoff/agentActions.ts'
import { apiRoute } from '../../bot/http/api.ts'
import { putMedia } from '../../bot/media/store.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import { readConversation, type Conversation } from '../../bot/conversations/store.ts'
import { mustRead } from '../../bot/handoff/access.ts'
import { conversationDetail } from './conversationDetail.ts'
import { inboxCounts, listInbox } from './inboxQuery.ts'
import { labelRoutes } from './labelRoutes.ts'
import { assistRoutes } from './assistRoutes.ts'
import { normaliseLabel } from '../../bot/customers/profileRules.ts'

const TAG = 'console'
const BASE = '/api/v1/console/conversations'

export function conversationId(params: Record<string, string>): number {
  const id = Number(params.id)
  if (!Number.isSafeInteger(id) || id <= 0) throw new ValidationError('The conversation id must be a positive number.')
  return id
}

/** API tokens may read the console; only a person can have an inbox of their own. */
export function staffUserId(ctx: Ctx): number {
  if (ctx.actor.type !== 'user') throw new Forbidden('Only a logged-in staff member has an inbox.')
  return ctx.actor.id
}

/** A transfer or assignment to someone who cannot log in would strand the customer. */
async function mustBeActiveStaff(ctx: Ctx, userId: number | undefined) {
  if (userId === undefined) return
  const r = await ctx.db.query('select 1 from staff_users where id = $1 and not disabled', [userId])
  if (!r.rows[0]) throw new ValidationError(`No active staff member ${userId}.`)
}

const isSupervisor = (ctx: Ctx) => 'role' in ctx.actor && ctx.actor.role !== 'agent'
const brief = (c: Conversation) => ({ id: c.id, status: c.status, assigneeId: c.assigneeId, ownerId: c.ownerId, team: c.team })

export function conversationRoutes(app: Hono<AppEnv>) {
  apiRoute(
    app,
    {
      method: 'get',
      path: BASE,
      role: 'agent',
      tag: TAG,
      summary: 'List conversations: the queue, mine, or all open ones (all = supervisor); label= keeps those with that label',
      query: z.object({ view: z.enum(['queue', 'mine', 'all']).default('queue'), label: z.string().max(100).optional() }),
    },
    async ({ ctx, query, c }) => {
      if (query.view === 'all' && !isSupervisor(ctx)) throw new Forbidden('Only supervisors see every conversation.')
      const me = query.view === 'mine' ? staffUserId(ctx) : ctx.actor.type === 'user' ? ctx.actor.id : 0
      const label = query.label ? (normaliseLabel(query.label) ?? query.label) : undefined
      return {
        view: query.view,
        items: await listInbox(ctx.db, query.view, me, { label, locale: c.get('locale') }),
        counts: await inboxCounts(ctx.db, me),
        now: ctx.clock.now(),
      }
    },
  )

  apiRoute(
    app,
    {
      method: 'get',
      path: `${BASE}/:id`,
      role: 'agent',
      tag: TAG,
      summary: 'A conversation with its messages (private notes included), customer profile, past conversations and hand-off summary',
    },
    async ({ ctx, params, c }) => {
      const id = conversationId(params)
      const conv = await readConversation(ctx.db, id)
      if (conv) await mustRead(ctx, conv) // conversations.access: own keeps other agents' chats from an agent
      return conversationDetail(ctx.db, id, c.get('locale'))
    },
  )

  apiRoute(
    app,
    { method: 'post', path: `${BASE}/:id/accept`, role: 'agent', tag: TAG, summary: 'Take a waiting conversation (409 when someone else was first)' },
    async ({ ctx, params }) => brief(await acceptConversation({ ctx, id: conversationId(params) })),
  )

  apiRoute(
    app,
    {
      method: 'post',
      path: `${BASE}/:id/assign`,
      role: 'supervisor',
      tag: TAG,
      summary: 'Give a conversation to an agent',
      body: z.object({ agentId: z.number().int().positive() }),
    },
    async ({ ctx, params, body }) => {
      await mustBeActiveStaff(ctx, body.agentId)
      return brief(await assignConversation({ ctx, id: conversationId(params), agentId: body.agentId }))
    },
  )

  apiRoute(
    app,
    {
      method: 'post',
      path: `${BASE}/:id/messages`,
      role: 'agent',
      tag: TAG,
      status: 201,
      summary: 'Reply to the customer, or add a private note (private: true); "/shortcut" sends that canned response',
      body: z.object({ text: z.string().min(1).max(4000), private: z.boolean().default(false) }),
    },
    async ({ ctx, params, body }) => brief(await sendAgentMessage({ ctx, id: conversationId(params), text: body.text, isPrivate: body.private })),
  )

  apiRoute(
    app,
    {
      method: 'post',
      path: `${BASE}/:id/upload`,
      role: 'agent',
      tag: TAG,
      status: 201,
      summary: 'Send the customer a photo or file: the raw bytes as the body (type read from the bytes, MEDIA_MAX_MB); ?name= names it, ?caption= goes with it',
      query: z.object({ name: z.string().max(200).optional(), caption: z.string().max(1000).optional() }),
    },
    async ({ ctx, params, query, c }) => {
      const stored = await putMedia(ctx, new Uint8Array(await c.req.arrayBuffer()))
      const media = { fileId: stored.id, contentType: stored.contentType, size: stored.size, ...(query.name ? { title: query.name } : {}) }
      return { ...brief(await sendAgentMessage({ ctx, id: conversationId(params), text: query.caption ?? '', media })), media }
    },
  )

  apiRoute(
    app,
    {
      method: 'post',
      path: `${BASE}/:id/transfer`,
      role: 'agent',
      tag: TAG,
      summary: 'Hand the conversation to another agent, or back to the queue for a team, with a note',
      body: z
        .object({
          toAgentId: z.number().int().positive().optional(),
          toTeam: z.string().trim().min(1).max(60).optional(),
          note: z.string().trim().max(1000).optional(),
        })
        .refine((b) => !!b.toAgentId !== !!b.toTeam, 'Give either toAgentId or toTeam.'),
    },
    async ({ ctx, params, body }) => {
      await mustBeActiveStaff(ctx, body.toAgentId)
      return brief(await transferConversation({ ctx, id: conversationId(params), ...body }))
    },
  )

  apiRoute(
    app,
    { method: 'post', path: `${BASE}/:id/return`, role: 'agent', tag: TAG, summary: 'Give the conversation back to the bot' },
    async ({ ctx, params }) => brief(await returnToBot({ ctx, id: conversationId(params) })),
  )

  labelRoutes(app, BASE)
  assistRoutes(app, BASE)

  apiRoute(app, { method: 'post', path: `${BASE}/:id/close`, role: 'agent', tag: TAG, summary: 'Close the conversation' }, async ({ ctx, params }) =>
    brief(await closeConversation({ ctx, id: conversationId(params) })),
  )
}
