/**
 * Staff notifications: a row per recipient (a person, or everyone with a role), then a
 * live event on the person's topic. Rows are the truth; the console lists them.
 */
import { z } from 'zod'
import type { Ctx } from '../context.ts'
import type { Db } from '../db/client.ts'
import { at, int, maybeAt } from '../db/columns.ts'

export interface StaffNotice {
  kind: 'sla_warning' | 'sla_breach' | 'ticket_reopened' | 'ticket_assigned'
  ticketId: number
  data: Record<string, unknown>
}

/** Inside the caller's transaction. Returns the person ids to ping after commit. */
export async function notifyStaff(tx: Db, at: Date, to: { userIds?: (number | null | undefined)[]; role?: 'supervisor' }, n: StaffNotice): Promise<number[]> {
  const people = [...new Set((to.userIds ?? []).filter((x): x is number => x != null))]
  for (const id of people) {
    await tx.query(`insert into notifications (recipient_id, kind, subject_type, subject_id, data, created_at) values ($1, $2, 'ticket', $3, $4, $5)`, [
      id,
      n.kind,
      String(n.ticketId),
      JSON.stringify(n.data),
      at,
    ])
  }
  if (to.role) {
    await tx.query(`insert into notifications (recipient_role, kind, subject_type, subject_id, data, created_at) values ($1, $2, 'ticket', $3, $4, $5)`, [
      to.role,
      n.kind,
      String(n.ticketId),
      JSON.stringify(n.data),
      at,
    ])
  }
  return people
}

/** After commit: wake the recipients' consoles. */
export async function pingStaff(ctx: Pick<Ctx, 'bus' | 'log'>, userIds: number[], kind: string, ticketId: number): Promise<void> {
  for (const id of userIds) {
    try {
      await ctx.bus.publish(`agent:${id}`, { type: 'notification', kind, ticketId })
    } catch (err) {
      ctx.log.warn({ err }, 'could not announce a notification')
    }
  }
}

// kind stays a string on read: a row written by an older version with a kind since retired still lists.
const notificationRow = z.object({
  id: int,
  kind: z.string(),
  ticket_number: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  created_at: at,
  read_at: maybeAt,
})

/** A staff member's notifications: their own and their role's, newest first. */
export async function listNotifications(db: Db, user: { id: number; role: string }, opts: { unreadOnly?: boolean; limit?: number } = {}) {
  const r = await db.query(
    `select n.*, t.number as ticket_number from notifications n left join tickets t on n.subject_type = 'ticket' and t.id::text = n.subject_id
      where (n.recipient_id = $1 or n.recipient_role = $2 or ($2 = 'admin' and n.recipient_role = 'supervisor'))
        and (not $3 or n.read_at is null)
      order by n.id desc limit $4`,
    [user.id, user.role, opts.unreadOnly ?? false, opts.limit ?? 100],
  )
  return r.rows.map((row) => {
    const n = notificationRow.parse(row)
    return { id: n.id, kind: n.kind, ticketNumber: n.ticket_number, data: n.data, createdAt: n.created_at, readAt: n.read_at }
  })
}
