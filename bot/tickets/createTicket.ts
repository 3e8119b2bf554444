/**
 * Open a ticket — for staff through the API, for the bot at the end of the chat exchange,
 * for an agent from a conversation. The owner is the first person responsible (首问负责):
 * the staff member who opened it, else the conversation's owner, else the customer's
 * account manager; a bot-opened ticket without any gets its owner when someone takes it.
 */
import { z } from 'zod'
import { recordEvent } from '../audit.ts'
import type { Ctx } from '../context.ts'
import type { Db } from '../db/client.ts'
import { actorLabel } from '../context.ts'
import { readConversation } from '../conversations/store.ts'
import { availableAgents } from '../conversations/waiting.ts'
import { customerRow } from '../customers/rows.ts'
import { NotFound } from '../errors.ts'
import { parseInput } from '../http/json.ts'
import { getSetting } from '../settings.ts'
import { deliverToCustomer } from './deliver.ts'
import { inTicketTx, staffIdOf, type Effects } from './effects.ts'
import { sayT } from './phrases.ts'
import { recomputeSla } from './sla.ts'
import { addTicketEvent, mustFindTicket, nextTicketNumber } from './store.ts'
import { attachConversationMedia } from './chatMedia.ts'
import { toTicket } from './rows.ts'
import { PRIORITIES, TICKET_TYPES, type Ticket } from './types.ts'

export const createTicketInput = z.object({
  customerId: z.string().min(1).max(100),
  type: z.enum(TICKET_TYPES),
  priority: z.enum(PRIORITIES).optional(),
  categoryPath: z.array(z.string().trim().min(1).max(60)).max(3).default([]),
  subject: z.string().trim().min(1).max(200),
  description: z.string().max(10_000).default(''),
  fields: z.record(z.string(), z.string().max(1000)).default({}),
  conversationId: z.number().int().positive().optional(),
  assigneeId: z.number().int().positive().optional(),
  team: z.string().trim().min(1).max(60).optional(),
  kbEntryId: z.string().max(200).optional(),
})
export type CreateTicketInput = z.input<typeof createTicketInput>

/** The staff member a complaint without an owner goes to: `tickets.complaintsOwnerId` if active, else the least-loaded online agent. */
async function complaintsOwner(tx: Db): Promise<number | null> {
  const set = await getSetting(tx, 'tickets.complaintsOwnerId')
  if (set != null && (await tx.query('select 1 from staff_users where id = $1 and not disabled', [set])).rows[0]) return set
  return (await availableAgents(tx))[0]?.userId ?? null
}

/** What a new ticket takes from its customer: priority (tier), owner (account manager), the language it is told in. */
const customerTerms = customerRow.pick({ tier: true, account_manager_id: true, language: true })

/** Inside a transaction (the bot's turn uses this directly). Tells the customer only when `announce`. */
export async function insertTicket(ctx: Ctx, tx: Db, fx: Effects | null, raw: CreateTicketInput): Promise<Ticket> {
  const input = parseInput(createTicketInput, raw)
  const now = ctx.clock.now()
  const row = (await tx.query('select tier, account_manager_id, language from customers where id = $1', [input.customerId])).rows[0]
  if (!row) throw new NotFound(`No customer ${input.customerId}.`)
  const cust = customerTerms.parse(row)
  const found = input.conversationId ? await readConversation(tx, input.conversationId) : null
  const conv = found?.customerId === input.customerId ? found : null
  if (input.conversationId && !conv) throw new NotFound(`No conversation ${input.conversationId} for this customer.`)
  const me = staffIdOf(ctx)
  // A complaint is never left without an owner: the configured complaints owner, else the agent on duty.
  const complaintOwner = input.type === 'complaint' && me == null ? await complaintsOwner(tx) : null
  const owner = me ?? conv?.ownerId ?? cust.account_manager_id ?? complaintOwner
  // 分级服务: a VIP's ticket starts one step up unless someone chose a priority; a complaint starts high (urgent for a VIP).
  const priority = input.priority ?? (input.type === 'complaint' ? (cust.tier === 'vip' ? 'urgent' : 'high') : cust.tier === 'vip' ? 'high' : 'normal')
  const number = await nextTicketNumber(tx, now, await getSetting(tx, 'tickets.timezone'))
  const r = await tx.query(
    `insert into tickets (number, customer_id, conversation_id, channel, type, category_path, priority, subject, description, fields,
       owner_id, assignee_id, team, kb_entry_id, created_by, resolution_start_at, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $16) returning *`,
    [
      number,
      input.customerId,
      input.conversationId ?? null,
      conv?.channel ?? null,
      input.type,
      input.categoryPath,
      priority,
      input.subject,
      input.description,
      JSON.stringify(input.fields),
      owner,
      input.assigneeId ?? owner,
      input.team ?? conv?.team ?? null,
      input.kbEntryId ?? null,
      actorLabel(ctx.actor),
      now,
    ],
  )
  const ticket = toTicket(r.rows[0])
  if (conv) await attachConversationMedia(tx, ticket.id, conv.id)
  const told = sayT('status_new', cust.language ?? ctx.config.DEFAULT_LOCALE, { number })
  await addTicketEvent(tx, ctx.actor, ticket.id, now, { kind: 'created', to: 'new', publicText: told, data: { type: ticket.type, priority, ownerId: owner } })
  await recordEvent(
    tx,
    ctx.actor,
    'ticket.created',
    { type: 'ticket', id: ticket.number },
    { type: ticket.type, priority, conversationId: input.conversationId ?? null },
  )
  await recomputeSla(ctx, tx, ticket)
  if (fx)
    await deliverToCustomer(ctx, tx, fx, ticket.customerId, { conversationId: ticket.conversationId }, () => [
      { kind: 'system', senderType: 'system', text: told },
    ])
  return mustFindTicket(tx, { id: ticket.id })
}

/** POST /api/v1/tickets: staff open a ticket for a customer; the customer hears about it in their chat. */
export async function createTicket({ ctx, input }: { ctx: Ctx; input: CreateTicketInput }): Promise<Ticket> {
  return inTicketTx(ctx, (tx, fx) => insertTicket(ctx, tx, fx, input))
}
