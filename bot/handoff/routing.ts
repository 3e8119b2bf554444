/**
 * Routing that never leaves a customer with someone who is not there. A chat whose agent
 * is absent — offline, or a colleague it was transferred to who did not answer in time —
 * goes back to the queue with a word to the customer and an event for the agents; with
 * auto-assignment on, a waiting chat goes to an agent as soon as one has room (capacity,
 * and only a member of the chat's team when it was sent to a team).
 */
import type { ConversationTx } from '../conversations/announce.ts'
import { addReply } from '../conversations/addReply.ts'
import { assign } from '../conversations/assign.ts'
import { enqueueJob, TRANSFER_TIMEOUT_JOB } from '../conversations/jobs.ts'
import { requeue } from '../conversations/queue.ts'
import { readConversation, type Conversation } from '../conversations/store.ts'
import { availableAgents, nextWaitingFor } from '../conversations/waiting.ts'
import { getSetting } from '../settings.ts'
import { say } from '../turn/phrases.ts'
import { staffName } from './queue.ts'

export const REQUEUE_REASONS = ['offline', 'not_accepted'] as const
export type RequeueReason = (typeof REQUEUE_REASONS)[number]

/** Back to the queue because `fromAgentId` is not there; then to someone who is, if auto-assignment finds one. */
export async function requeueFromAbsent(w: ConversationTx, conv: Conversation, fromAgentId: number, reason: RequeueReason): Promise<Conversation | null> {
  const next = await requeue(w, conv, fromAgentId, reason)
  if (!next) return null
  await addReply(w, next, { kind: 'handoff', senderType: 'system', text: say('requeued', next.language) })
  const event = { type: 'requeued' as const, conversationId: conv.id, fromAgentId, reason }
  w.out.after(() => w.ctx.bus.publish('inbox', event))
  // Neither the absent colleague nor the agent who passed it on.
  return (await routeToFreeAgent(w, next, [fromAgentId, conv.assigneeId ?? fromAgentId])) ?? next
}

/** Give a waiting chat to the least-loaded online agent with room (of its team), when auto-assignment is on. */
export async function routeToFreeAgent(w: ConversationTx, conv: Conversation, notAgentIds: number[] = []): Promise<Conversation | null> {
  if (conv.status !== 'waiting' || !(await getSetting(w.tx, 'handoff.autoAssign'))) return null
  const pick = (await availableAgents(w.tx, null, conv.team)).find((a) => !notAgentIds.includes(a.userId))
  if (!pick) return null
  return giveTo(w, conv, pick.userId)
}

/** An agent has room now (came online, closed or passed on a chat): the waiting chats they may take come to them (not the one they just passed on). */
export async function pullWaiting(w: ConversationTx, agentId: number, notConversationId?: number): Promise<number> {
  if (!(await getSetting(w.tx, 'handoff.autoAssign'))) return 0
  const me = (await availableAgents(w.tx, agentId))[0]
  if (!me) return 0
  const capacity = await w.tx.query<{ capacity: number }>('select capacity from agent_presence where user_id = $1', [agentId])
  let given = 0
  for (const id of await nextWaitingFor(w.tx, agentId, Math.max(0, (capacity.rows[0]?.capacity ?? 0) - me.load), notConversationId)) {
    const conv = await readConversation(w.tx, id)
    if (conv && (await giveTo(w, conv, agentId))) given++
  }
  return given
}

async function giveTo(w: ConversationTx, conv: Conversation, agentId: number): Promise<Conversation | null> {
  const next = await assign(w, conv, agentId, 'auto')
  if (!next) return null
  await addReply(w, next, { kind: 'handoff', senderType: 'system', text: say('agentJoined', next.language, { name: await staffName(w.tx, agentId) }) })
  w.out.status(next)
  return next
}

/** After a transfer to a colleague: if they have not written in the chat by then, it goes back to the queue. */
export async function startTransferTimer(w: ConversationTx, conv: Conversation): Promise<void> {
  if (conv.assigneeId == null || !conv.assignedAt) return
  const sec = await getSetting(w.tx, 'handoff.transferAcceptSec')
  await enqueueJob(
    w.ctx.jobs,
    TRANSFER_TIMEOUT_JOB,
    { conversationId: conv.id, agentId: conv.assigneeId, assignedAt: conv.assignedAt.toISOString() },
    { db: w.tx, runAt: new Date(w.ctx.clock.now().getTime() + sec * 1000) },
  )
}

/** The transfer timer: still theirs since the same moment and not a word from them → back to the queue. */
export async function transferTimedOut(w: ConversationTx, p: { conversationId: number; agentId: number; assignedAt: string }): Promise<void> {
  const r = await w.tx.query(`select id from conversations where id = $1 and status = 'agent' and assignee_id = $2 and assigned_at = $3 for update`, [
    p.conversationId,
    p.agentId,
    new Date(p.assignedAt),
  ])
  if (!r.rows[0]) return
  const wrote = await w.tx.query(
    `select 1 from messages where conversation_id = $1 and sender_type = 'agent' and sender_id = $2 and created_at >= $3 limit 1`,
    [p.conversationId, String(p.agentId), new Date(p.assignedAt)],
  )
  if (wrote.rows[0]) return
  const conv = (await readConversation(w.tx, p.conversationId))!
  await requeueFromAbsent(w, conv, p.agentId, 'not_accepted')
}
