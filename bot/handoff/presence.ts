/**
 * Agents are online, away or offline. Going offline — logging out, or a console that
 * has not been heard from for a while — puts their open conversations back in the
 * queue (first place for their priority), so no customer waits on someone who left.
 */
import type { Ctx } from '../context.ts'
import { inConversationTx } from '../conversations/announce.ts'
import { PRESENCE_SWEEP_JOB } from '../conversations/jobs.ts'
import { lockAssignedTo } from '../conversations/store.ts'
import { pullWaiting, requeueFromAbsent } from './routing.ts'

export const PRESENCES = ['online', 'away', 'offline'] as const
export type Presence = (typeof PRESENCES)[number]
/** A console sends a heartbeat every ~20 s; this much silence means the agent is gone. */
export const PRESENCE_TIMEOUT_MS = 2 * 60_000
export { PRESENCE_SWEEP_JOB }

export async function setPresence(ctx: Ctx, userId: number, status: Presence): Promise<void> {
  const now = ctx.clock.now()
  await ctx.db.query(
    `insert into agent_presence (user_id, status, last_seen_at) values ($1, $2, $3)
     on conflict (user_id) do update set status = excluded.status, last_seen_at = excluded.last_seen_at`,
    [userId, status, now],
  )
  await ctx.bus.publish('inbox', { type: 'presence', userId, status })
  if (status === 'offline') await requeueAgentConversations(ctx, userId)
  // Back at work: waiting chats come to them (when auto-assignment is on).
  if (status === 'online') await inConversationTx(ctx, (w) => pullWaiting(w, userId))
}

/** Keep an online agent online; never revive one who chose away/offline. */
export async function heartbeat(ctx: Ctx, userId: number): Promise<void> {
  await ctx.db.query('update agent_presence set last_seen_at = $2 where user_id = $1', [userId, ctx.clock.now()])
}

export async function requeueAgentConversations(ctx: Ctx, userId: number): Promise<number> {
  return inConversationTx(ctx, async (w) => {
    let moved = 0
    for (const conv of await lockAssignedTo(w.tx, userId)) {
      if (await requeueFromAbsent(w, conv, userId, 'offline')) moved++
    }
    return moved
  })
}

/** Agents whose console went silent are marked offline (and their conversations requeued). */
export async function sweepPresence(ctx: Ctx): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - PRESENCE_TIMEOUT_MS)
  const r = await ctx.db.query<{ user_id: number }>(`select user_id from agent_presence where status <> 'offline' and last_seen_at < $1`, [cutoff])
  for (const row of r.rows) await setPresence(ctx, row.user_id, 'offline')
  return r.rows.length
}
