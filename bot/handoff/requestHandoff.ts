/**
 * Hand a conversation to people: outside office hours offer a ticket; otherwise queue it
 * (VIP first), give it straight to the customer's own account manager when online (or to
 * the least-loaded agent when auto-assignment is on), tell the customer their place, and
 * start the no-agent timer. Runs inside the caller's transaction.
 */
import { recordEvent } from '../audit.ts'
import type { ConversationTx } from '../conversations/announce.ts'
import { addReplies, type Reply } from '../conversations/addReply.ts'
import { assign } from '../conversations/assign.ts'
import { enqueueJob, HANDOFF_TIMEOUT_JOB } from '../conversations/jobs.ts'
import { offer } from '../conversations/offer.ts'
import { queue } from '../conversations/queue.ts'
import type { Conversation } from '../conversations/rows.ts'
import { lockWaitingSince } from '../conversations/store.ts'
import type { HandoffReason } from '../conversations/types.ts'
import type { Db } from '../db/client.ts'
import { getSetting, isOpen } from '../settings.ts'
import { say } from '../turn/phrases.ts'
import { fallbackButtons } from '../turn/answer.ts'
import { availableAgents, queuePosition, staffingNow } from '../conversations/waiting.ts'
import { staffName } from './queue.ts'
import { handoffSummary, type HandoffSummary } from './summary.ts'
import { tierPriority } from '../conversations/customerChange.ts'
import { customerRow } from '../customers/rows.ts'
import { queueModelSummary } from '../llm/summarize.ts'

export { HANDOFF_TIMEOUT_JOB }

export interface HandoffOutcome {
  conversation: Conversation
  replies: Reply[]
}

/** A customer who asked for a person, or chose one, after complaining: the agent reads 投诉, not "asked for a person". */
function reasonFor(asked: HandoffReason, tone: HandoffSummary['tone']): HandoffReason {
  return tone && (asked === 'customer_request' || asked === 'customer_choice') ? tone : asked
}

/** The customer's tier and account manager as their profile has them now: the profile decides routing (分级服务). */
async function routingTerms(tx: Db, customerId: string) {
  const r = await tx.query('select tier, account_manager_id from customers where id = $1', [customerId])
  const row = customerRow.pick({ tier: true, account_manager_id: true }).parse(r.rows[0])
  return { tier: row.tier, accountManagerId: row.account_manager_id }
}

export async function requestHandoff(w: ConversationTx, conv: Conversation, asked: HandoffReason): Promise<HandoffOutcome> {
  const { ctx, tx } = w
  const now = ctx.clock.now()
  const locale = conv.language
  const summary = await handoffSummary(tx, conv.id)
  const reason = reasonFor(asked, summary.tone)
  if (!isOpen(await getSetting(tx, 'officeHours'), now)) {
    await recordEvent(tx, ctx.actor, 'handoff.after_hours', { type: 'conversation', id: conv.id }, { reason })
    const label = say('btnTicket', locale)
    await offer(w, conv, [{ kind: 'action', action: 'ticket', label }])
    return { conversation: conv, replies: [{ kind: 'handoff', text: say('closedHours', locale), buttons: [{ label, payload: 'opt:0' }] }] }
  }
  const customer = await routingTerms(tx, conv.customerId)
  const queued = await queue(w, conv, { reason, priority: tierPriority(customer.tier), summary })
  await queueModelSummary(ctx, tx, conv.id, queued.queuedAt ?? now)

  // A VIP's own account manager first; otherwise the least-loaded agent when auto-assignment is on.
  const manager = customer.accountManagerId ? (await availableAgents(tx, customer.accountManagerId))[0] : undefined
  const pick = manager ?? ((await getSetting(tx, 'handoff.autoAssign')) ? (await availableAgents(tx))[0] : undefined)
  if (pick) {
    const assigned = (await assign(w, queued, pick.userId, manager ? 'account_manager' : 'auto'))!
    return {
      conversation: assigned,
      replies: [{ kind: 'handoff', senderType: 'system', text: say('agentJoined', locale, { name: await staffName(tx, pick.userId) }) }],
    }
  }

  const wait = await getSetting(tx, 'handoff.waitTimeoutSec')
  await enqueueJob(
    ctx.jobs,
    HANDOFF_TIMEOUT_JOB,
    { conversationId: conv.id, queuedAt: now.toISOString() },
    { db: tx, runAt: new Date(now.getTime() + wait * 1000) },
  )
  const position = await queuePosition(tx, conv.id)
  return {
    conversation: queued,
    replies: [{ kind: 'queue', text: say('queued', locale, { position }), buttons: [{ label: say('btnLeaveQueue', locale), payload: 'leave-queue' }] }],
  }
}

/** The no-agent timer: still waiting since the same moment → apologise and offer a ticket. */
export async function handoffTimedOut(w: ConversationTx, conversationId: number, queuedAt: Date): Promise<void> {
  const conv = await lockWaitingSince(w.tx, conversationId, queuedAt)
  if (!conv) return
  // Say what is true: "everyone is busy" only when every online agent is full; with an
  // agent online who has room, someone is coming; with nobody online, say that.
  const { online, withRoom } = await staffingNow(w.tx, conv.team)
  const key = online === 0 ? 'noAgentOnline' : withRoom > 0 ? 'agentComing' : 'noAgent'
  await offer(w, conv, [{ kind: 'action', action: 'ticket', label: say('btnTicket', conv.language) }])
  await recordEvent(w.tx, w.ctx.actor, 'handoff.timed_out', { type: 'conversation', id: conv.id }, { online, withRoom })
  await addReplies(w, conv, [
    { kind: 'handoff', text: say(key, conv.language), buttons: [fallbackButtons(conv.language)[1]!].map((b) => ({ ...b, payload: 'opt:0' })) },
  ])
}
