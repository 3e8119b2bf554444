/**
 * What an agent does with a conversation: accept it from the queue (exactly one of two
 * simultaneous accepts wins), reply, add private notes, transfer, return it to the bot,
 * close it. Each is one transaction, recorded in the audit trail, announced live.
 */
import { recordEvent } from '../audit.ts'
import type { Ctx } from '../context.ts'
import type { Db } from '../db/client.ts'
import { Conflict, Forbidden, NotFound, ValidationError } from '../errors.ts'
import { announceMessages, announceStatus, insertReply, type Reply } from '../conversations/emit.ts'
import { readConversation, toConversation, type Conversation } from '../conversations/store.ts'
import { say } from '../turn/phrases.ts'
import { staffName } from './queue.ts'
import { scheduleConversationSurvey } from '../surveys/schedule.ts'

function staffId(ctx: Ctx): number {
  if (ctx.actor.type !== 'user') throw new Forbidden('Only a logged-in staff member can do this.')
  return ctx.actor.id
}
const isSupervisor = (ctx: Ctx) => 'role' in ctx.actor && (ctx.actor.role === 'supervisor' || ctx.actor.role === 'admin')

/** Run a change on a conversation, store the replies it produced, then announce. */
async function act(ctx: Ctx, id: number, fn: (tx: Db, conv: Conversation) => Promise<{ conv: Conversation; replies: Reply[]; noteIds?: number[] }>) {
  const done = await ctx.db.transaction(async (tx) => {
    const conv = await readConversation(tx, id, true)
    if (!conv) throw new NotFound(`No conversation ${id}.`)
    const r = await fn(tx, conv)
    const ids = [...(r.noteIds ?? [])]
    for (const reply of r.replies) ids.push((await insertReply(tx, r.conv, reply, ctx.clock.now())).id)
    return { ...r, ids, before: conv.status }
  })
  await announceMessages(ctx, id, done.ids)
  await announceStatus(ctx, done.conv)
  return done.conv
}

function mustBeWorking(ctx: Ctx, conv: Conversation) {
  if (conv.status === 'closed') throw new Conflict('This conversation is closed.', { status: conv.status })
  if (conv.status !== 'agent') throw new Conflict('Accept this conversation before working on it.', { status: conv.status })
  if (conv.assigneeId !== staffId(ctx) && !isSupervisor(ctx)) throw new Conflict('Another agent is handling this conversation.', { assigneeId: conv.assigneeId })
}

export async function acceptConversation({ ctx, id }: { ctx: Ctx; id: number }): Promise<Conversation> {
  const me = staffId(ctx)
  return act(ctx, id, async (tx, conv) => {
    // The status check and the write are one statement: of two simultaneous accepts, one updates a row.
    const r = await tx.query(
      `update conversations set status = 'agent', assignee_id = $2, owner_id = coalesce(owner_id, $2), assigned_at = $3, updated_at = $3
        where id = $1 and status = 'waiting' returning *`,
      [id, me, ctx.clock.now()],
    )
    if (!r.rows[0]) {
      const taker = conv.assigneeId ? await staffName(tx, conv.assigneeId) : null
      throw new Conflict(taker ? `${taker} has already taken this conversation.` : 'This conversation is no longer waiting.', { status: conv.status, assigneeId: conv.assigneeId })
    }
    await recordEvent(tx, ctx.actor, 'handoff.accepted', { type: 'conversation', id })
    const next = toConversation(r.rows[0])
    return { conv: next, replies: [{ kind: 'handoff', senderType: 'system', text: say('agentJoined', next.language, { name: await staffName(tx, me) }) }] }
  })
}

export async function assignConversation({ ctx, id, agentId }: { ctx: Ctx; id: number; agentId: number }): Promise<Conversation> {
  if (!isSupervisor(ctx)) throw new Forbidden('Only supervisors assign conversations.')
  return act(ctx, id, async (tx, conv) => {
    if (conv.status === 'closed') throw new Conflict('This conversation is closed.')
    const r = await tx.query(
      `update conversations set status = 'agent', assignee_id = $2, owner_id = coalesce(owner_id, $2), assigned_at = $3, updated_at = $3 where id = $1 returning *`,
      [id, agentId, ctx.clock.now()],
    )
    await recordEvent(tx, ctx.actor, 'handoff.assigned', { type: 'conversation', id }, { assigneeId: agentId, how: 'supervisor' })
    const next = toConversation(r.rows[0])
    return { conv: next, replies: [{ kind: 'handoff', senderType: 'system', text: say('agentJoined', next.language, { name: await staffName(tx, agentId) }) }] }
  })
}

export async function sendAgentMessage({ ctx, id, text, isPrivate = false }: { ctx: Ctx; id: number; text: string; isPrivate?: boolean }): Promise<Conversation> {
  const me = staffId(ctx)
  const body = await expandCanned(ctx.db, text.trim())
  if (!body) throw new ValidationError('The message is empty.')
  if (body.length > 4000) throw new ValidationError('The message is longer than 4,000 characters.')
  return act(ctx, id, async (tx, conv) => {
    if (isPrivate) {
      if (conv.status === 'closed' && !isSupervisor(ctx)) throw new Conflict('This conversation is closed.')
      const r = await tx.query<{ id: number }>(
        `insert into messages (conversation_id, direction, sender_type, sender_id, text, is_private, channel, kind, created_at)
         values ($1, 'internal', 'agent', $2, $3, true, $4, 'note', $5) returning id`,
        [id, String(me), body, conv.channel, ctx.clock.now()],
      )
      return { conv, replies: [], noteIds: [r.rows[0]!.id] }
    }
    mustBeWorking(ctx, conv)
    await tx.query('update conversations set first_response_at = coalesce(first_response_at, $2), updated_at = $2 where id = $1', [id, ctx.clock.now()])
    return { conv, replies: [{ kind: 'agent', senderType: 'agent', senderId: String(me), text: body }] }
  })
}

/** "/refund" → the canned response with that shortcut; anything else is sent as typed. */
export async function expandCanned(db: Db, text: string): Promise<string> {
  const m = text.match(/^\/([\w-]+)$/)
  if (!m) return text
  const r = await db.query<{ text: string }>('select text from canned_responses where shortcut = $1', [m[1]])
  return r.rows[0]?.text ?? text
}

export async function returnToBot({ ctx, id }: { ctx: Ctx; id: number }): Promise<Conversation> {
  return act(ctx, id, async (tx, conv) => {
    mustBeWorking(ctx, conv)
    const r = await tx.query(`update conversations set status = 'bot', assignee_id = null, queued_at = null, pending_options = '[]', fallback_streak = 0, updated_at = $2 where id = $1 returning *`, [id, ctx.clock.now()])
    await recordEvent(tx, ctx.actor, 'handoff.returned_to_bot', { type: 'conversation', id })
    const next = toConversation(r.rows[0])
    return { conv: next, replies: [{ kind: 'system', senderType: 'system', text: say('backToBot', next.language) }] }
  })
}

export async function closeConversation({ ctx, id }: { ctx: Ctx; id: number }): Promise<Conversation> {
  return act(ctx, id, async (tx, conv) => {
    if (conv.status === 'closed') throw new Conflict('This conversation is already closed.')
    if (conv.status === 'agent') mustBeWorking(ctx, conv)
    const r = await tx.query(`update conversations set status = 'closed', closed_at = $2, pending_options = '[]', updated_at = $2 where id = $1 returning *`, [id, ctx.clock.now()])
    await recordEvent(tx, ctx.actor, 'conversation.closed', { type: 'conversation', id })
    const next = toConversation(r.rows[0])
    // 满意度: a conversation a person handled gets one survey, after the configured delay (bot/surveys).
    await scheduleConversationSurvey(ctx, tx, next)
    return { conv: next, replies: [{ kind: 'system', senderType: 'system', text: say('closed', next.language) }] }
  })
}

/** Give it to another agent (or back to the queue for a team) with a note; the owner stays accountable. */
export async function transferConversation({ ctx, id, toAgentId, toTeam, note }: { ctx: Ctx; id: number; toAgentId?: number; toTeam?: string; note?: string }): Promise<Conversation> {
  if (!toAgentId && !toTeam) throw new ValidationError('Say who to transfer to: an agent or a team.')
  const me = staffId(ctx)
  return act(ctx, id, async (tx, conv) => {
    mustBeWorking(ctx, conv)
    const now = ctx.clock.now()
    const r = toAgentId
      ? await tx.query(`update conversations set assignee_id = $2, assigned_at = $3, updated_at = $3 where id = $1 returning *`, [id, toAgentId, now])
      : await tx.query(`update conversations set status = 'waiting', assignee_id = null, team = $2, queued_at = $3, updated_at = $3 where id = $1 returning *`, [id, toTeam, now])
    const noteText = `转接 / Transfer → ${toAgentId ? await staffName(tx, toAgentId) : `team ${toTeam}`}${note ? `: ${note}` : ''}`
    const n = await tx.query<{ id: number }>(
      `insert into messages (conversation_id, direction, sender_type, sender_id, text, is_private, channel, kind, created_at)
       values ($1, 'internal', 'agent', $2, $3, true, $4, 'note', $5) returning id`,
      [id, String(me), noteText, conv.channel, now],
    )
    await recordEvent(tx, ctx.actor, 'handoff.transferred', { type: 'conversation', id }, { toAgentId, toTeam, note })
    const next = toConversation(r.rows[0])
    return { conv: next, replies: [{ kind: 'handoff', senderType: 'system', text: say('transferred', next.language) }], noteIds: [n.rows[0]!.id] }
  })
}
