/**
 * An agent turns a conversation into a ticket: the customer, the channel, what they asked
 * and the answer the bot tried come from the conversation, so nobody asks again. The
 * customer is told the ticket number in that conversation.
 */
import { z } from 'zod'
import type { Ctx } from '../context.ts'
import { recentPublic } from '../conversations/messages.ts'
import { readConversation } from '../conversations/store.ts'
import { Forbidden, NotFound } from '../errors.ts'
import { parseInput } from '../http/json.ts'
import { insertTicket } from './createTicket.ts'
import { inTicketTx, staffIdOf } from './effects.ts'
import { PRIORITIES, TICKET_TYPES, type Ticket } from './types.ts'

export const fromConversationInput = z.object({
  conversationId: z.number().int().positive(),
  type: z.enum(TICKET_TYPES),
  priority: z.enum(PRIORITIES).optional(),
  categoryPath: z.array(z.string().trim().min(1).max(60)).max(3).default([]),
  subject: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(10_000).optional(),
  fields: z.record(z.string(), z.string().max(1000)).default({}),
})

export async function ticketFromConversation({ ctx, input }: { ctx: Ctx; input: z.input<typeof fromConversationInput> }): Promise<Ticket> {
  const i = parseInput(fromConversationInput, input)
  if (staffIdOf(ctx) == null) throw new Forbidden('Only a logged-in staff member turns a conversation into a ticket.')
  return inTicketTx(ctx, async (tx, fx) => {
    const conv = await readConversation(tx, i.conversationId)
    if (!conv) throw new NotFound(`No conversation ${i.conversationId}.`)
    const recent = await recentPublic(tx, i.conversationId, 20)
    const asked = recent.filter((m) => m.senderType === 'customer' && m.text.trim()).map((m) => m.text)
    const entry = recent.findLast((m) => m.kbEntryId)?.kbEntryId ?? undefined
    const subject = i.subject ?? ((asked.at(-1) ?? '').slice(0, 80) || i.type)
    return insertTicket(ctx, tx, fx, {
      customerId: conv.customerId,
      conversationId: i.conversationId,
      type: i.type,
      priority: i.priority,
      categoryPath: i.categoryPath,
      subject,
      description: i.description ?? asked.slice(-5).join('\n'),
      fields: i.fields,
      kbEntryId: entry,
    })
  })
}
