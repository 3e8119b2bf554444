/**
 * Who may read a conversation and write private notes in it (setting `conversations.access`).
 * An agent's own conversations are those assigned to them or owned by them (首问负责: the owner
 * stays accountable after a transfer); unassigned ones are the queue anyone may take.
 * Supervisors, admins and API tokens with those roles see and write everything.
 */
import type { Ctx } from '../context.ts'
import type { Db } from '../db/client.ts'
import type { Conversation } from '../conversations/store.ts'
import { Forbidden } from '../errors.ts'
import { getSetting } from '../settings.ts'

type Conv = Pick<Conversation, 'id' | 'status' | 'assigneeId' | 'ownerId'>

const isSupervisor = (ctx: Ctx) => 'role' in ctx.actor && ctx.actor.role !== 'agent'
const me = (ctx: Ctx) => (ctx.actor.type === 'user' ? ctx.actor.id : null)
const isMine = (ctx: Ctx, c: Conv) => me(ctx) != null && (c.assigneeId === me(ctx) || c.ownerId === me(ctx))
const unassigned = (c: Conv) => c.assigneeId == null && c.status !== 'closed'

export async function mayRead(ctx: Ctx, c: Conv): Promise<boolean> {
  if (isSupervisor(ctx)) return true
  const mode = await getSetting(ctx.db, 'conversations.access')
  return mode !== 'own' || isMine(ctx, c) || unassigned(c)
}

/** `db`: the caller's transaction when it holds one (PGlite has a single connection: ctx.db would wait for it forever). */
export async function mayWriteNote(ctx: Ctx, c: Conv, db: Db = ctx.db): Promise<boolean> {
  if (isSupervisor(ctx)) return true
  const mode = await getSetting(db, 'conversations.access')
  return mode === 'open' || isMine(ctx, c) || unassigned(c)
}

export async function mustRead(ctx: Ctx, c: Conv): Promise<void> {
  if (!(await mayRead(ctx, c))) throw new Forbidden('这个会话由其他客服处理 / This conversation belongs to another agent.', { conversationId: c.id })
}

export async function mustWriteNote(ctx: Ctx, c: Conv, db: Db = ctx.db): Promise<void> {
  if (!(await mayWriteNote(ctx, c, db)))
    throw new Forbidden('只有负责这个会话的客服或主管可以添加备注 / Only the agent handling this conversation, or a supervisor, can add notes to it.', {
      conversationId: c.id,
    })
}
