/**
 * What an agent does with a conversation: accept it from the queue (exactly one of two
 * simultaneous accepts wins), reply, add private notes, transfer, return it to the bot,
 * close it. Each is one transaction of bot/conversations/ verbs (which record the audit
 * row), announced live after commit.
 */
import type { OutboundMedia } from '../conversations/types.ts'
import { SHORTCUT_REPLY } from './cannedShortcut.ts'
import type { Ctx } from '../context.ts'
import type { Db } from '../db/client.ts'
import { Conflict, Forbidden, NotFound, ValidationError } from '../errors.ts'
import { addAgentReply, addReply, type Reply } from '../conversations/addReply.ts'
import { addNote } from '../conversations/addNote.ts'
import { inConversationTx, type ConversationTx } from '../conversations/announce.ts'
import { accept, assign, transfer } from '../conversations/assign.ts'
import { close } from '../conversations/close.ts'
import { returnToBot as giveBackToBot } from '../conversations/returnToBot.ts'
import { readConversation, type Conversation } from '../conversations/store.ts'
import { say } from '../turn/phrases.ts'
import { staffName } from './queue.ts'
import { scheduleConversationSurvey } from '../surveys/schedule.ts'
import { isOnline } from '../conversations/waiting.ts'
import { pullWaiting, requeueFromAbsent, routeToFreeAgent, startTransferTimer } from './routing.ts'

/** The agent who had it has room for the next waiting chat. */
const freedUp = async (w: ConversationTx, conv: Conversation) => {
  if (conv.assigneeId != null) await pullWaiting(w, conv.assigneeId, conv.id)
}
import { mustWriteNote } from './access.ts'

function staffId(ctx: Ctx): number {
  if (ctx.actor.type !== 'user') throw new Forbidden('Only a logged-in staff member can do this.')
  return ctx.actor.id
}
const isSupervisor = (ctx: Ctx) => 'role' in ctx.actor && (ctx.actor.role === 'supervisor' || ctx.actor.role === 'admin')

/** Run a change on the locked conversation; what it tells the customer is stored after it. Staff screens always hear the status. */
async function act(
  ctx: Ctx,
  id: number,
  fn: (w: ConversationTx, conv: Conversation) => Promise<{ conv: Conversation; replies: Reply[] }>,
): Promise<Conversation> {
  return inConversationTx(ctx, async (w) => {
    const conv = await readConversation(w.tx, id, true)
    if (!conv) throw new NotFound(`No conversation ${id}.`)
    const r = await fn(w, conv)
    for (const reply of r.replies) await addReply(w, r.conv, reply)
    w.out.status(r.conv)
    return r.conv
  })
}

function mustBeWorking(ctx: Ctx, conv: Conversation) {
  if (conv.status === 'closed') throw new Conflict('This conversation is closed.', { status: conv.status })
  if (conv.status !== 'agent') throw new Conflict('Accept this conversation before working on it.', { status: conv.status })
  if (conv.assigneeId !== staffId(ctx) && !isSupervisor(ctx))
    throw new Conflict('Another agent is handling this conversation.', { assigneeId: conv.assigneeId })
}

const joined = async (tx: Db, next: Conversation, agentId: number): Promise<Reply[]> => [
  { kind: 'handoff', senderType: 'system', text: say('agentJoined', next.language, { name: await staffName(tx, agentId) }) },
]

export async function acceptConversation({ ctx, id }: { ctx: Ctx; id: number }): Promise<Conversation> {
  const me = staffId(ctx)
  return act(ctx, id, async (w, conv) => {
    const next = await accept(w, conv, me)
    if (!next) {
      const taker = conv.assigneeId ? await staffName(w.tx, conv.assigneeId) : null
      throw new Conflict(taker ? `${taker} has already taken this conversation.` : 'This conversation is no longer waiting.', {
        status: conv.status,
        assigneeId: conv.assigneeId,
      })
    }
    return { conv: next, replies: await joined(w.tx, next, me) }
  })
}

export async function assignConversation({ ctx, id, agentId }: { ctx: Ctx; id: number; agentId: number }): Promise<Conversation> {
  if (!isSupervisor(ctx)) throw new Forbidden('Only supervisors assign conversations.')
  return act(ctx, id, async (w, conv) => {
    const next = await assign(w, conv, agentId, 'supervisor')
    if (!next) throw new Conflict('This conversation is closed.')
    return { conv: next, replies: await joined(w.tx, next, agentId) }
  })
}

export async function sendAgentMessage({
  ctx,
  id,
  text,
  isPrivate = false,
  media,
}: {
  ctx: Ctx
  id: number
  text: string
  isPrivate?: boolean
  /** A photo or file the agent uploaded (bot/media/store.ts); the text is then its caption and may be empty. */
  media?: OutboundMedia
}): Promise<Conversation> {
  const me = staffId(ctx)
  const body = await expandCanned(ctx.db, text.trim())
  if (!body && !media) throw new ValidationError('The message is empty.')
  if (body.length > 4000) throw new ValidationError('The message is longer than 4,000 characters.')
  return act(ctx, id, async (w, conv) => {
    if (isPrivate) {
      if (conv.status === 'closed' && !isSupervisor(ctx)) throw new Conflict('This conversation is closed.')
      await mustWriteNote(ctx, conv, w.tx)
      await addNote(w, conv, { agentId: me, text: body })
      return { conv, replies: [] }
    }
    mustBeWorking(ctx, conv)
    await addAgentReply(w, conv, me, body, media)
    return { conv, replies: [] }
  })
}

/** "/refund" → the canned response with that shortcut; anything else is sent as typed. */
export async function expandCanned(db: Db, text: string): Promise<string> {
  const m = text.match(SHORTCUT_REPLY)
  if (!m) return text
  const r = await db.query<{ text: string }>('select text from canned_responses where shortcut = $1', [m[1]])
  return r.rows[0]?.text ?? text
}

export async function returnToBot({ ctx, id }: { ctx: Ctx; id: number }): Promise<Conversation> {
  return act(ctx, id, async (w, conv) => {
    mustBeWorking(ctx, conv)
    const next = (await giveBackToBot(w, conv))!
    await freedUp(w, conv)
    return { conv: next, replies: [{ kind: 'system', senderType: 'system', text: say('backToBot', next.language) }] }
  })
}

export async function closeConversation({ ctx, id }: { ctx: Ctx; id: number }): Promise<Conversation> {
  return act(ctx, id, async (w, conv) => {
    if (conv.status === 'closed') throw new Conflict('This conversation is already closed.')
    if (conv.status === 'agent') mustBeWorking(ctx, conv)
    const next = (await close(w, conv))!
    // 满意度: a conversation a person handled gets one survey, after the configured delay (bot/surveys).
    await scheduleConversationSurvey(ctx, w.tx, next)
    await freedUp(w, conv)
    return { conv: next, replies: [{ kind: 'system', senderType: 'system', text: say('closed', next.language) }] }
  })
}

/** Give it to another agent (or back to the queue for a team) with a note; the owner stays accountable. */
export async function transferConversation({
  ctx,
  id,
  toAgentId,
  toTeam,
  note,
}: {
  ctx: Ctx
  id: number
  toAgentId?: number
  toTeam?: string
  note?: string
}): Promise<Conversation> {
  if (!toAgentId && !toTeam) throw new ValidationError('Say who to transfer to: an agent or a team.')
  const me = staffId(ctx)
  return act(ctx, id, async (w, conv) => {
    mustBeWorking(ctx, conv)
    const noteText = `转接 / Transfer → ${toAgentId ? await staffName(w.tx, toAgentId) : `team ${toTeam}`}${note ? `: ${note}` : ''}`
    // Never to someone who is not there: an offline or away colleague gets nothing, the chat waits in the queue.
    if (toAgentId && !(await isOnline(w.tx, toAgentId))) {
      await addNote(w, conv, { agentId: me, text: `${noteText}\n（对方不在线，已回到队列 / not online: back to the queue）` })
      const next = (await requeueFromAbsent(w, conv, toAgentId, 'offline'))!
      await freedUp(w, conv)
      return { conv: next, replies: [] }
    }

    const next = (await transfer(w, conv, me, { toAgentId, toTeam, note, noteText }))!
    await addReply(w, next, { kind: 'handoff', senderType: 'system', text: say('transferred', next.language) })
    // To a colleague: they must answer in time or it goes back to the queue. To a team: one of its members with room gets it.
    const routed = toAgentId ? (await startTransferTimer(w, next), null) : await routeToFreeAgent(w, next, conv.assigneeId == null ? [] : [conv.assigneeId])
    await freedUp(w, conv)
    return { conv: routed ?? next, replies: [] }
  })
}
