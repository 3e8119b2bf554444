/** Internal notes, link attachments, and replies to the customer on a ticket. */
import { z } from 'zod'
import { recordEvent } from '../audit.ts'
import type { Ctx } from '../context.ts'
import { Conflict, Forbidden } from '../errors.ts'
import { parseInput } from '../http/json.ts'
import { deliverToCustomer } from './deliver.ts'
import { inTicketTx, staffIdOf } from './effects.ts'
import { sayT } from './phrases.ts'
import { recomputeSla } from './sla.ts'
import { addTicketEvent, mustFindTicket } from './store.ts'

export const noteInput = z.object({ text: z.string().trim().min(1).max(4000) })
export const attachmentInput = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  title: z.string().trim().max(200).default(''),
})

export async function addTicketNote({ ctx, number, input }: { ctx: Ctx; number: string; input: z.input<typeof noteInput> }) {
  const { text } = parseInput(noteInput, input)
  return inTicketTx(ctx, async (tx) => {
    const t = await mustFindTicket(tx, { number }, true)
    await addTicketEvent(tx, ctx.actor, t.id, ctx.clock.now(), { kind: 'note', data: { text } })
    await tx.query('update tickets set updated_at = $2 where id = $1', [t.id, ctx.clock.now()])
    return { ok: true }
  })
}

export async function addTicketAttachment({ ctx, number, input }: { ctx: Ctx; number: string; input: z.input<typeof attachmentInput> }) {
  const a = parseInput(attachmentInput, input)
  return inTicketTx(ctx, async (tx) => {
    const t = await mustFindTicket(tx, { number }, true)
    const now = ctx.clock.now()
    const r = await tx.query<{ id: number }>(
      'insert into ticket_attachments (ticket_id, url, title, added_by, created_at) values ($1, $2, $3, $4, $5) returning id',
      [t.id, a.url, a.title, ctx.actor.type === 'user' ? ctx.actor.username : ctx.actor.type, now],
    )
    await addTicketEvent(tx, ctx.actor, t.id, now, { kind: 'attachment', to: a.url, data: { title: a.title } })
    return { id: r.rows[0]!.id, ...a }
  })
}

/** A message to the customer about the ticket: it goes into their chat, counts as the first response. */
export async function replyOnTicket({ ctx, number, input }: { ctx: Ctx; number: string; input: z.input<typeof noteInput> }) {
  const { text } = parseInput(noteInput, input)
  const me = staffIdOf(ctx)
  if (me == null) throw new Forbidden('Only a logged-in staff member replies to a customer.')
  return inTicketTx(ctx, async (tx, fx) => {
    const t = await mustFindTicket(tx, { number }, true)
    if (t.status === 'closed') throw new Conflict('This ticket is closed; reopen it first.', { status: t.status, allowed: ['reopened'] })
    const now = ctx.clock.now()
    const d = await deliverToCustomer(ctx, tx, fx, t.customerId, { conversationId: t.conversationId, channel: t.channel }, (l) => [
      { kind: 'agent', senderType: 'agent', senderId: String(me), text: sayT('agentReply', l, { number: t.number, text }) },
    ])
    await tx.query('update tickets set first_responded_at = coalesce(first_responded_at, $2), updated_at = $2 where id = $1', [t.id, now])
    await addTicketEvent(tx, ctx.actor, t.id, now, { kind: 'reply', publicText: text, data: { delivered: !!d, conversationId: d?.conversationId ?? null } })
    await recordEvent(tx, ctx.actor, 'ticket.replied', { type: 'ticket', id: t.number }, { delivered: !!d })
    // The first response stops that clock: the timers for it must go quiet.
    if (!t.firstRespondedAt) await recomputeSla(ctx, tx, { ...t, firstRespondedAt: now })
    return { delivered: !!d, conversationId: d?.conversationId ?? null }
  })
}
