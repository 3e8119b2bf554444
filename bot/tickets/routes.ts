/** /api/v1/tickets and /api/v1/notifications: thin routes over the ticket verbs. */
import type { Hono } from 'hono'
import { z } from 'zod'
import { apiRoute } from '../http/api.ts'
import type { AppEnv } from '../http/types.ts'
import { Forbidden } from '../errors.ts'
import { createTicket, createTicketInput } from './createTicket.ts'
import { fromConversationInput, ticketFromConversation } from './fromConversation.ts'
import { addTicketAttachment, addTicketNote, attachmentInput, noteInput, replyOnTicket } from './notes.ts'
import { likelyDuplicates } from './duplicates.ts'
import { mergeInput, mergeTickets } from './mergeTickets.ts'
import { listNotifications } from './notifyStaff.ts'
import { listQuery, listTickets, ticketDetail } from './readTickets.ts'
import { mustFindTicket } from './store.ts'
import { changeTicketStatus, statusInput } from './transition.ts'
import { assignInput, assignTicket, classifyInput, classifyTicket, priorityInput, setTicketPriority } from './updateTicket.ts'

const tag = 'tickets'

export function ticketRoutes(app: Hono<AppEnv>) {
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/tickets',
      role: 'agent',
      tag,
      summary: 'Tickets, newest first (filters: status, type, priority, assigneeId, ownerId, customerId, mine)',
      query: listQuery,
    },
    async ({ ctx, query }) => ({ tickets: await listTickets(ctx, query) }),
  )
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/tickets',
      role: 'agent',
      tag,
      status: 201,
      summary: 'Open a ticket for a customer (the opener is its owner)',
      body: createTicketInput,
    },
    ({ ctx, body }) => createTicket({ ctx, input: body }),
  )
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/tickets/from-conversation',
      role: 'agent',
      tag,
      status: 201,
      summary: 'Turn a conversation into a ticket',
      body: fromConversationInput,
    },
    ({ ctx, body }) => ticketFromConversation({ ctx, input: body }),
  )
  apiRoute(
    app,
    { method: 'get', path: '/api/v1/tickets/:number', role: 'agent', tag, summary: 'A ticket with its history, attachments and surveys' },
    ({ ctx, params }) => ticketDetail(ctx, params.number!),
  )
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/tickets/:number/status',
      role: 'agent',
      tag,
      summary: 'Change the status (409 lists the allowed moves)',
      body: statusInput,
    },
    ({ ctx, params, body }) => changeTicketStatus({ ctx, number: params.number!, input: body }),
  )
  apiRoute(
    app,
    { method: 'post', path: '/api/v1/tickets/:number/priority', role: 'agent', tag, summary: 'Change the priority (re-times the SLA)', body: priorityInput },
    ({ ctx, params, body }) => setTicketPriority({ ctx, number: params.number!, input: body }),
  )
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/tickets/:number/assign',
      role: 'agent',
      tag,
      summary: 'Assign (agents take it themselves; supervisors assign anyone). The owner stays.',
      body: assignInput,
    },
    ({ ctx, params, body }) => assignTicket({ ctx, number: params.number!, input: body }),
  )
  apiRoute(
    app,
    { method: 'patch', path: '/api/v1/tickets/:number', role: 'agent', tag, summary: 'Change type, category path or subject', body: classifyInput },
    ({ ctx, params, body }) => classifyTicket({ ctx, number: params.number!, input: body }),
  )
  apiRoute(
    app,
    { method: 'post', path: '/api/v1/tickets/:number/notes', role: 'agent', tag, status: 201, summary: 'Add an internal note', body: noteInput },
    ({ ctx, params, body }) => addTicketNote({ ctx, number: params.number!, input: body }),
  )
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/tickets/:number/replies',
      role: 'agent',
      tag,
      status: 201,
      summary: 'Reply to the customer in their chat',
      body: noteInput,
    },
    ({ ctx, params, body }) => replyOnTicket({ ctx, number: params.number!, input: body }),
  )
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/tickets/:number/duplicates',
      role: 'agent',
      tag,
      summary: 'Likely duplicates: open tickets of the same customer, or of a customer with the same phone or email',
    },
    async ({ ctx, params }) => ({ duplicates: await likelyDuplicates(ctx.db, await mustFindTicket(ctx.db, { number: params.number! })) }),
  )
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/tickets/:number/merge',
      role: 'agent',
      tag,
      summary: "Merge duplicates into this ticket (they close as 'merged'; 400 into itself, 409 closed/merged/unrelated)",
      body: mergeInput,
    },
    ({ ctx, params, body }) => mergeTickets({ ctx, number: params.number!, input: body }),
  )
  apiRoute(
    app,
    { method: 'post', path: '/api/v1/tickets/:number/attachments', role: 'agent', tag, status: 201, summary: 'Attach a link', body: attachmentInput },
    ({ ctx, params, body }) => addTicketAttachment({ ctx, number: params.number!, input: body }),
  )
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/notifications',
      role: 'agent',
      tag,
      summary: "My notifications and my role's (SLA warnings, escalations, reopened tickets)",
      query: z.object({ unread: z.enum(['true', 'false']).optional() }),
    },
    async ({ ctx, query }) => {
      if (ctx.actor.type !== 'user') throw new Forbidden('Notifications belong to a logged-in staff member.')
      return { notifications: await listNotifications(ctx.db, ctx.actor, { unreadOnly: query.unread === 'true' }) }
    },
  )
  apiRoute(
    app,
    { method: 'post', path: '/api/v1/notifications/:id/read', role: 'agent', tag, summary: 'Mark a notification read' },
    async ({ ctx, params }) => {
      if (ctx.actor.type !== 'user') throw new Forbidden('Notifications belong to a logged-in staff member.')
      await ctx.db.query(`update notifications set read_at = coalesce(read_at, $2) where id = $1 and (recipient_id = $3 or recipient_role = $4)`, [
        Number(params.id) || 0,
        ctx.clock.now(),
        ctx.actor.id,
        ctx.actor.role,
      ])
      return { ok: true }
    },
  )
}
