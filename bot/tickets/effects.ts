/**
 * A ticket change stores everything in one transaction; what it must tell others (messages
 * to the customer's screens, pings to staff consoles) is collected and sent after commit,
 * so nobody hears about a change that was rolled back. The messages are collected the way
 * every conversation change collects them (bot/conversations/announce.ts); pings are added.
 */
import type { Ctx } from '../context.ts'
import type { Db } from '../db/client.ts'
import { Announcements } from '../conversations/announce.ts'
import { pingStaff } from './notifyStaff.ts'

export class Effects extends Announcements {
  readonly pings: { userIds: number[]; kind: string; ticketId: number }[] = []
  ping(userIds: number[], kind: string, ticketId: number) {
    if (userIds.length) this.pings.push({ userIds, kind, ticketId })
  }
  override async flush(ctx: Ctx): Promise<void> {
    await super.flush(ctx)
    for (const p of this.pings) await pingStaff(ctx, p.userIds, p.kind, p.ticketId)
  }
}

export async function inTicketTx<T>(ctx: Ctx, fn: (tx: Db, fx: Effects) => Promise<T>): Promise<T> {
  const fx = new Effects()
  const out = await ctx.db.transaction(async (tx) => {
    const r = await fn(tx, fx)
    fx.settle(tx)
    return r
  })
  await fx.flush(ctx)
  return out
}

/** The acting staff member's id, or null for customers, the system and API tokens. */
export const staffIdOf = (ctx: Ctx): number | null => (ctx.actor.type === 'user' ? ctx.actor.id : null)
export const isStaff = (ctx: Ctx) => ctx.actor.type === 'user' || ctx.actor.type === 'apiToken'
export const isSupervisor = (ctx: Ctx) => 'role' in ctx.actor && (ctx.actor.role === 'supervisor' || ctx.actor.role === 'admin')
