/**
 * The bot collects a ticket in the chat: a short exchange asking only what the ticket's
 * type needs (draftFields.ts), re-using what the customer profile knows, storing new
 * contact points back on the customer, then opening the ticket with a number. The state
 * lives in ticket_drafts, one per conversation; a draft left for 30 minutes is dropped.
 */
import { z } from 'zod'
import type { Ctx } from '../context.ts'
import type { Db } from '../db/client.ts'
import { at } from '../db/columns.ts'
import type { Reply } from '../conversations/addReply.ts'
import { customerTexts, lastEntryOf } from '../conversations/messages.ts'
import type { Conversation } from '../conversations/store.ts'
import { insertTicket } from './createTicket.ts'
import { cleanPhone, FIELDS_BY_TYPE, guessType, isCancel, maskPhone, type DraftField } from './draftFields.ts'
import { sayT, typeLabel } from './phrases.ts'
import { TICKET_TYPES, type TicketType } from './types.ts'

const DRAFT_TTL_MS = 30 * 60_000
const DESCRIBED_BY_DETAILS = new Set<DraftField>(['product', 'model', 'address'])

interface Draft {
  type: TicketType | null
  fields: Record<string, string>
  asking: string | null
  context: string
  reused: string[]
}

const profileRow = z.object({ phone: z.string().nullable(), address: z.string().nullable() })
// fields holds what was collected plus `_reused` (the profile fields taken over), all strings.
const draftRow = z.object({
  type: z.enum(TICKET_TYPES).nullable(),
  fields: z.record(z.string(), z.string()).nullable(),
  asking: z.string().nullable(),
  context: z.string(),
  started_at: at,
})

/**
 * The customer answered an answer that asked for their details (报修: model, fault and
 * address): what they wrote is the ticket's description, so the draft does not ask for
 * those again — only what is still missing (a phone number, a time).
 */
export async function startDraftWithDetails(ctx: Ctx, tx: Db, conv: Conversation, details: string): Promise<Reply[]> {
  return startDraft(ctx, tx, conv, details.slice(0, 1000))
}

/** "登记工单" / the ticket button: start (or restart) a draft from what was said so far. */
export async function startDraft(ctx: Ctx, tx: Db, conv: Conversation, details?: string): Promise<Reply[]> {
  const texts = await customerTexts(tx, conv.id, 6)
  const found = (await tx.query('select phone, address from customers where id = $1', [conv.customerId])).rows[0]
  const profile = found ? profileRow.parse(found) : { phone: null, address: null }
  const fields: Record<string, string> = {}
  const reused: string[] = []
  for (const f of ['phone', 'address'] as const) if (profile[f]) (fields[f] = profile[f]), reused.push(f)
  if (details) fields.description = details
  const draft: Draft = { type: guessType(texts), fields, asking: null, context: texts.join('\n').slice(0, 2000), reused }
  return [{ kind: 'system', text: sayT(details ? 'detailsNoted' : 'draftStart', conv.language) }, ...(await advance(ctx, tx, conv, draft))]
}

/**
 * A message while a draft is open: null when there is none (or it went stale, or they asked
 * for a person). `hasDraft` false: the turn's conversation lock saw none, so nothing is read.
 */
export async function continueDraft(ctx: Ctx, tx: Db, conv: Conversation & { hasDraft?: boolean }, text: string, payload?: string): Promise<Reply[] | null> {
  if (conv.hasDraft === false) return null
  const found = (await tx.query('select * from ticket_drafts where conversation_id = $1 for update', [conv.id])).rows[0]
  if (!found) return null
  const row = draftRow.parse(found)
  if (ctx.clock.now().getTime() - row.started_at.getTime() > DRAFT_TTL_MS) {
    await tx.query('delete from ticket_drafts where conversation_id = $1', [conv.id])
    return null
  }
  if (isCancel(text)) {
    await tx.query('delete from ticket_drafts where conversation_id = $1', [conv.id])
    return [{ kind: 'system', text: sayT('draftCancelled', conv.language) }]
  }
  const draft: Draft = {
    type: row.type,
    fields: row.fields ?? {},
    asking: row.asking,
    context: row.context,
    reused: row.fields?._reused?.split(',').filter(Boolean) ?? [],
  }
  delete draft.fields._reused
  const answer = (payload?.startsWith('tt:') ? payload.slice(3) : text).trim()
  if (draft.asking === 'type') {
    const n = Number(answer)
    const type = (TICKET_TYPES as readonly string[]).includes(answer)
      ? (answer as TicketType)
      : Number.isInteger(n) && n >= 1 && n <= TICKET_TYPES.length
        ? TICKET_TYPES[n - 1]!
        : guessType([answer])
    if (type) draft.type = type
  } else if (draft.asking === 'phone') {
    const phone = cleanPhone(answer)
    if (!phone) return [{ kind: 'system', text: sayT('badPhone', conv.language) }]
    draft.fields.phone = phone
  } else if (draft.asking && answer) {
    draft.fields[draft.asking] = answer.slice(0, 1000)
  }
  return advance(ctx, tx, conv, draft)
}

async function advance(ctx: Ctx, tx: Db, conv: Conversation, draft: Draft): Promise<Reply[]> {
  const l = conv.language
  const save = (asking: string) =>
    tx.query(
      `insert into ticket_drafts (conversation_id, customer_id, type, fields, asking, context, started_at) values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (conversation_id) do update set type = excluded.type, fields = excluded.fields, asking = excluded.asking`,
      [conv.id, conv.customerId, draft.type, JSON.stringify({ ...draft.fields, _reused: draft.reused.join(',') }), asking, draft.context, ctx.clock.now()],
    )
  if (!draft.type) {
    await save('type')
    return [{ kind: 'system', text: sayT('askType', l), buttons: TICKET_TYPES.map((t) => ({ label: typeLabel(t, l), payload: `tt:${t}` })) }]
  }
  // A description in the customer's own words covers what a repair asks about the thing itself and where it is.
  const covered = (f: DraftField) => !!draft.fields[f] || (!!draft.fields.description && DESCRIBED_BY_DETAILS.has(f))
  const missing = FIELDS_BY_TYPE[draft.type].find((f) => !covered(f))
  if (missing) {
    await save(missing)
    const key = missing === 'description' && draft.type === 'complaint' ? 'ask_complaint' : (`ask_${missing}` as const)
    return [{ kind: 'system', text: sayT(key, l) }]
  }
  await tx.query('delete from ticket_drafts where conversation_id = $1', [conv.id])
  return [{ kind: 'system', text: await openFromDraft(ctx, tx, conv, draft) }]
}

async function openFromDraft(ctx: Ctx, tx: Db, conv: Conversation, draft: Draft): Promise<string> {
  const type = draft.type!
  const f = draft.fields
  // Contact points go back on the customer, so the next ticket does not ask again.
  await tx.query('update customers set phone = coalesce($2, phone), address = coalesce($3, address), updated_at = $4 where id = $1', [
    conv.customerId,
    f.phone ?? null,
    f.address ?? null,
    ctx.clock.now(),
  ])
  const wanted = new Set<string>(FIELDS_BY_TYPE[type])
  const fields = Object.fromEntries(Object.entries(f).filter(([k]) => wanted.has(k) && k !== 'description'))
  const headline = f.description ?? [f.product, f.model].filter(Boolean).join(' ') ?? ''
  const ticket = await insertTicket(ctx, tx, null, {
    customerId: conv.customerId,
    conversationId: conv.id,
    type,
    subject: `${typeLabel(type, 'zh')}：${headline}`.slice(0, 200),
    description: [f.description, draft.context && `— 对话记录 / conversation —\n${draft.context}`].filter(Boolean).join('\n\n'),
    fields,
    kbEntryId: (await lastEntryOf(tx, conv.id)) ?? undefined,
  })
  const known = draft.reused.includes('phone') && wanted.has('phone') && f.phone ? sayT('reusedContact', conv.language, { phone: maskPhone(f.phone) }) : ''
  return sayT('ticketCreated', conv.language, { number: ticket.number, known })
}

export type { DraftField }
