/**
 * Tickets and surveys in the bot's turn (called from bot/turn/handleInbound.ts before the
 * usual recognition): a survey answer or 👍/👎, a ticket being collected, a customer
 * asking about their tickets. Returns null when the message is none of these, and the
 * turn goes on as before. Staff pings from a reopened ticket go out after commit (`after`).
 */
import type { Ctx } from '../context.ts'
import type { Db } from '../db/client.ts'
import type { Reply } from '../conversations/addReply.ts'
import type { Conversation } from '../conversations/store.ts'
import { getSetting } from '../settings.ts'
import { surveyTurn } from '../surveys/chat.ts'
import { continueDraft, startDraft } from './chatDraft.ts'
import { lookupReply, lookupRequest } from './chatLookup.ts'
import { Effects } from './effects.ts'

export interface ServiceTurn {
  replies: Reply[]
  after: () => Promise<void>
}

export async function serviceTurn(ctx: Ctx, tx: Db, conv: Conversation & { hasDraft?: boolean }, text: string, payload?: string): Promise<ServiceTurn | null> {
  const fx = new Effects()
  const done = (replies: Reply[] | null) => (replies ? { replies, after: () => fx.flush(ctx) } : null)
  const rated = await surveyTurn(ctx, tx, fx, conv, text, payload)
  if (rated) return done(rated)
  // Below: only while the bot has the conversation (people answer everything else themselves).
  if (conv.status !== 'bot') return null
  const lookup = payload && !payload.startsWith('say:') ? null : lookupRequest(text)
  if (lookup) {
    await tx.query('delete from ticket_drafts where conversation_id = $1', [conv.id])
    return done(await lookupReply(tx, conv, lookup, await getSetting(tx, 'tickets.timezone')))
  }
  // An old button pressed mid-draft is handled by the usual turn; the draft waits.
  if (payload && !payload.startsWith('tt:') && !payload.startsWith('say:')) return null
  return done(await continueDraft(ctx, tx, conv, text, payload))
}

/** The customer chose "登记工单": start collecting the ticket in the chat. */
export async function startTicketInChat(ctx: Ctx, tx: Db, conv: Conversation): Promise<Reply[]> {
  return startDraft(ctx, tx, conv)
}
