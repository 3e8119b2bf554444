/**
 * Ticket fields from what the customer wrote in free text, for the agent opening a ticket
 * from the conversation: type, product, order number, phone and address. Only suggestions —
 * the console marks them "please confirm" and the agent's submit is the confirmation. An
 * order number, phone or address the customer did not write is dropped (a model must not
 * make one up), a phone must look like one, and masked values are restored first.
 */
import { z } from 'zod'
import type { Ctx } from '../context.ts'
import { readConversation } from '../conversations/store.ts'
import { NotFound } from '../errors.ts'
import { cleanPhone } from '../tickets/draftFields.ts'
import { TICKET_TYPES, type TicketType } from '../tickets/types.ts'
import { askModel } from './ask.ts'
import { assistFor, conversationLines, customerWords, foundValue } from './assist.ts'
import { EXTRACT_PROMPT } from './assistPrompts.ts'

export interface ExtractedFields {
  type?: TicketType
  product?: string
  orderNo?: string
  phone?: string
  address?: string
}

const text = (max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((s) => s?.trim() || null)
const fieldsSchema = z.object({
  // A type outside the list is "unsure", not a failed answer: the other fields still help.
  type: z
    .string()
    .nullish()
    .transform((t) => ((TICKET_TYPES as readonly string[]).includes(t ?? '') ? (t as TicketType) : null)),
  product: text(100),
  orderNo: text(60),
  phone: text(40),
  address: text(300),
})

/** {} when assist is off or the model did not answer usefully: the dialog keeps the rules' draft. */
export async function extractTicketFields(ctx: Ctx, conversationId: number): Promise<ExtractedFields> {
  const conv = await readConversation(ctx.db, conversationId)
  if (!conv) throw new NotFound(`No conversation ${conversationId}.`)
  const assist = await assistFor(ctx)
  if (!assist) return {}
  const { masker } = assist
  const lines = await conversationLines(ctx.db, conversationId, masker, { limit: 30, customerOnly: true })
  if (lines.length === 0) return {}
  const res = await askModel(assist.deps, {
    purpose: 'extract',
    prompt: EXTRACT_PROMPT,
    values: { types: TICKET_TYPES.join(', '), conversation: lines.join('\n') },
    schema: fieldsSchema,
    deadline: assist.deadline,
    conversationId,
    maxTokens: 300,
  })
  if (!res.ok) return {}
  const v = res.value
  const written = await customerWords(ctx.db, conversationId)
  const phone = foundValue(masker, v.phone, written)
  const product = v.product && masker.restore(v.product)
  const out: ExtractedFields = {
    type: v.type ?? undefined,
    product: product && !/\[[A-Z]+_\d+\]/.test(product) ? product : undefined,
    orderNo: foundValue(masker, v.orderNo, written) ?? undefined,
    phone: (phone && cleanPhone(phone)) || undefined,
    address: foundValue(masker, v.address, written) ?? undefined,
  }
  return Object.fromEntries(Object.entries(out).filter(([, x]) => x)) as ExtractedFields
}
