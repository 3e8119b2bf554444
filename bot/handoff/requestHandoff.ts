/**
 * Hand a conversation to people: outside office hours offer a ticket; otherwise queue it
 * (VIP first), give it straight to the customer's own account manager when online (or to
 * the least-loaded agent when auto-assignment is on), tell the customer their place, and
 * start the no-agent timer. Runs inside the caller's transaction.
 */
import { recordEvent } from '../audit.ts'
import type { Ctx } from '../context.ts'
import type { Db } from '../db/client.ts'
import type { Reply } from '../conversations/emit.ts'
import { toConversation, type Conversation } from '../conversations/store.ts'
import { getSetting, isOpen } from '../settings.ts'
import { say } from '../turn/phrases.ts'
import { fallbackButtons } from '../turn/answer.ts'
import { availableAgents, queuePosition, staffName } from './queue.ts'

export const HANDOFF_TIMEOUT_JOB = 'handoff.timeout'

export interface HandoffOutcome {
  conversation: Conversation
  replies: Reply[]
  options: { kind: 'action'; action: 'handoff' | 'ticket'; label: string }[]
}

async function summary(tx: Db, conversationId: number) {
  const r = await tx.query<any>(
    `select sender_type, text, kind, kb_entry_id from messages where conversation_id = $1 and not is_private order by id desc limit 12`,
    [conversationId],
  )
  const recent = r.rows.reverse()
  return {
    asked: recent.filter((m) => m.sender_type === 'customer').map((m) => m.text).slice(-5),
    botTried: recent.filter((m) => m.sender_type === 'bot' && m.kind !== 'handoff').map((m) => ({ kind: m.kind, entryId: m.kb_entry_id, text: String(m.text).slice(0, 120) })),
  }
}

export async function requestHandoff(ctx: Ctx, tx: Db, conv: Conversation, reason: string, customer: { tier: string; accountManagerId: number | null }): Promise<HandoffOutcome> {
  const now = ctx.clock.now()
  const locale = conv.language
  if (!isOpen(await getSetting(tx, 'officeHours'), now)) {
    await recordEvent(tx, ctx.actor, 'handoff.after_hours', { type: 'conversation', id: conv.id }, { reason })
    const options = [{ kind: 'action' as const, action: 'ticket' as const, label: say('btnTicket', locale) }]
    return { conversation: conv, options, replies: [{ kind: 'handoff', text: say('closedHours', locale), buttons: [{ label: options[0]!.label, payload: 'opt:0' }] }] }
  }
  const priority = customer.tier === 'vip' ? 10 : 0
  const r = await tx.query(
    `update conversations set status = 'waiting', queued_at = $2, priority = $3, handoff_reason = $4, handoff_summary = $5,
       pending_options = '[]', fallback_streak = 0, updated_at = $2 where id = $1 returning *`,
    [conv.id, now, priority, reason, JSON.stringify(await summary(tx, conv.id))],
  )
  let updated = toConversation(r.rows[0])
  await recordEvent(tx, ctx.actor, 'handoff.requested', { type: 'conversation', id: conv.id }, { reason, priority })

  // A VIP's own account manager first; otherwise the least-loaded agent when auto-assignment is on.
  const manager = customer.accountManagerId ? (await availableAgents(tx, customer.accountManagerId))[0] : undefined
  const pick = manager ?? ((await getSetting(tx, 'handoff.autoAssign')) ? (await availableAgents(tx))[0] : undefined)
  if (pick) {
    const a = await tx.query(
      `update conversations set status = 'agent', assignee_id = $2, owner_id = coalesce(owner_id, $2), assigned_at = $3 where id = $1 returning *`,
      [conv.id, pick.userId, now],
    )
    updated = toConversation(a.rows[0])
    await recordEvent(tx, ctx.actor, 'handoff.assigned', { type: 'conversation', id: conv.id }, { assigneeId: pick.userId, how: manager ? 'account_manager' : 'auto' })
    return { conversation: updated, options: [], replies: [{ kind: 'handoff', senderType: 'system', text: say('agentJoined', locale, { name: await staffName(tx, pick.userId) }) }] }
  }

  const wait = await getSetting(tx, 'handoff.waitTimeoutSec')
  await ctx.jobs.enqueue(HANDOFF_TIMEOUT_JOB, { conversationId: conv.id, queuedAt: now.toISOString() }, { db: tx, runAt: new Date(now.getTime() + wait * 1000) })
  const position = await queuePosition(tx, conv.id)
  return {
    conversation: updated,
    options: [],
    replies: [{ kind: 'queue', text: say('queued', locale, { position }), buttons: [{ label: say('btnLeaveQueue', locale), payload: 'leave-queue' }] }],
  }
}

/** The no-agent timer: still waiting since the same moment → apologise and offer a ticket. */
export async function handoffTimedOut(ctx: Ctx, tx: Db, conversationId: number, queuedAt: string): Promise<Reply[] | null> {
  const r = await tx.query(`select * from conversations where id = $1 and status = 'waiting' and queued_at = $2 for update`, [conversationId, new Date(queuedAt)])
  if (!r.rows[0]) return null
  const conv = toConversation(r.rows[0])
  await tx.query(`update conversations set pending_options = $2 where id = $1`, [conv.id, JSON.stringify([{ kind: 'action', action: 'ticket', label: say('btnTicket', conv.language) }])])
  await recordEvent(tx, ctx.actor, 'handoff.timed_out', { type: 'conversation', id: conv.id }, {})
  return [{ kind: 'handoff', text: say('noAgent', conv.language), buttons: [fallbackButtons(conv.language)[1]!].map((b) => ({ ...b, payload: 'opt:0' })) }]
}
