/**
 * Agents are online, away or offline. Going offline — logging out, or a console that
 * has not been heard from for a while — puts their open conversations back in the
 * queue (first place for their priority), so no customer waits on someone who left.
 */
import { recordEvent } from '../audit.ts'
import type { Ctx } from '../context.ts'
import { announceMessages, announceStatus, insertReply } from '../conversations/emit.ts'
import { toConversation } from '../conversations/store.ts'
import { say } from '../turn/phrases.ts'

export type Presence = 'online' | 'away' | 'offline'
/** A console sends a heartbeat every ~20 s; this much silence means the agent is gone. */
export const PRESENCE_TIMEOUT_MS = 2 * 60_000
export const PRESENCE_SWEEP_JOB = 'presence.sweep'

export async function setPresence(ctx: Ctx, userId: number, status: Presence): Promise<void> {
  const now = ctx.clock.now()
  await ctx.db.query(
    `insert into agent_presence (user_id, status, last_seen_at) values ($1, $2, $3)
     on conflict (user_id) do update set status = excluded.status, last_seen_at = excluded.last_seen_at`,
    [userId, status, now],
  )
  await ctx.bus.publish('inbox', { type: 'presence', userId, status })
  if (status === 'offline') await requeueAgentConversations(ctx, userId)
}

/** Keep an online agent online; never revive one who chose away/offline. */
export async function heartbeat(ctx: Ctx, userId: number): Promise<void> {
  await ctx.db.query('update agent_presence set last_seen_at = $2 where user_id = $1', [userId, ctx.clock.now()])
}

export async function requeueAgentConversations(ctx: Ctx, userId: number): Promise<number> {
  const now = ctx.clock.now()
  const moved = await ctx.db.transaction(async (tx) => {
    const r = await tx.query(
      `update conversations set status = 'waiting', assignee_id = null, queued_at = $2, updated_at = $2
        where assignee_id = $1 and status = 'agent' returning *`,
      [userId, now],
    )
    const out: { id: number; ids: number[]; conv: ReturnType<typeof toConversation> }[] = []
    for (const row of r.rows) {
      const conv = toConversation(row)
      await recordEvent(tx, ctx.actor, 'handoff.requeued', { type: 'conversation', id: conv.id }, { fromAgent: userId })
      const m = await insertReply(tx, conv, { kind: 'handoff', senderType: 'system', text: say('transferred', conv.language) }, now)
      out.push({ id: conv.id, ids: [m.id], conv })
    }
    return out
  })
  for (const m of moved) {
    await announceMessages(ctx, m.id, m.ids)
    await announceStatus(ctx, m.conv)
  }
  return moved.length
}

/** Agents whose console went silent are marked offline (and their conversations requeued). */
export async function sweepPresence(ctx: Ctx): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - PRESENCE_TIMEOUT_MS)
  const r = await ctx.db.query<{ user_id: number }>(`select user_id from agent_presence where status <> 'offline' and last_seen_at < $1`, [cutoff])
  for (const row of r.rows) await setPresence(ctx, row.user_id, 'offline')
  return r.rows.length
}
