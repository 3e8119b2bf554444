/**
 * Staff accounts as an admin manages them: the list (with presence capacity and teams)
 * and one verb to change a person — role, name, disabled, capacity, teams. Disabling
 * ends their sessions and puts their open chats back in the queue, so a customer never
 * waits on an account that can no longer log in. The last active admin cannot be
 * demoted or disabled: someone must always be able to fix the desk.
 */
import { z } from 'zod'
import { recordEvent } from '../../../bot/audit.ts'
import type { Ctx } from '../../../bot/context.ts'
import type { Db } from '../../../bot/db/client.ts'
import { Conflict, NotFound } from '../../../bot/errors.ts'
import { STAFF_LIMITS as MAX } from '../../../bot/staff/limits.ts'
import { requeueAgentConversations } from '../../../bot/handoff/presence.ts'
import { parseInput } from '../../../bot/http/json.ts'

export interface StaffRow {
  id: number
  username: string
  displayName: string
  role: 'admin' | 'supervisor' | 'agent'
  disabled: boolean
  capacity: number
  teams: string[]
  presence: string
  createdAt: Date
}

export async function listStaff(db: Db): Promise<StaffRow[]> {
  const r = await db.query<any>(
    `select u.id, u.username, u.display_name, u.role, u.disabled, u.created_at, coalesce(p.capacity, 5) as capacity,
            coalesce(p.teams, '{}') as teams, coalesce(p.status, 'offline') as presence
       from staff_users u left join agent_presence p on p.user_id = u.id order by u.disabled, u.role, u.username`,
  )
  return r.rows.map((x) => ({
    id: Number(x.id),
    username: x.username,
    displayName: x.display_name,
    role: x.role,
    disabled: x.disabled,
    capacity: x.capacity,
    teams: x.teams,
    presence: x.presence,
    createdAt: new Date(x.created_at),
  }))
}

const team = z
  .string()
  .trim()
  .min(1)
  .max(MAX.team)
  .regex(/^[^,，]+$/, 'no commas')
export const updateStaffInput = z
  .object({
    displayName: z.string().trim().min(1).max(MAX.displayName),
    role: z.enum(['admin', 'supervisor', 'agent']),
    disabled: z.boolean(),
    capacity: z.number().int().min(MAX.capacityMin).max(MAX.capacityMax),
    teams: z.array(team).max(20),
  })
  .partial()
  .strict()

export async function updateStaff({ ctx, id, input }: { ctx: Ctx; id: number; input: z.input<typeof updateStaffInput> }): Promise<StaffRow> {
  const data = parseInput(updateStaffInput, input)
  const disabledNow = await ctx.db.transaction(async (tx) => {
    const cur = (await tx.query<any>('select id, role, disabled, display_name from staff_users where id = $1 for update', [id])).rows[0]
    if (!cur) throw new NotFound(`No staff member #${id}.`)
    const losesAdmin = cur.role === 'admin' && !cur.disabled && ((data.role && data.role !== 'admin') || data.disabled === true)
    if (losesAdmin) {
      const others = await tx.query<{ n: number }>(`select count(*)::int as n from staff_users where role = 'admin' and not disabled and id <> $1`, [id])
      if (Number(others.rows[0]!.n) === 0)
        throw new Conflict('This is the last active administrator; make someone else an administrator first.', { reason: 'last_admin' })
    }
    const now = ctx.clock.now()
    const sets: string[] = []
    const vals: unknown[] = [id, now]
    const set = (col: string, v: unknown) => {
      vals.push(v)
      sets.push(`${col} = $${vals.length}`)
    }
    if (data.displayName !== undefined && data.displayName !== cur.display_name) set('display_name', data.displayName)
    if (data.role !== undefined && data.role !== cur.role) set('role', data.role)
    if (data.disabled !== undefined && data.disabled !== cur.disabled) set('disabled', data.disabled)
    if (sets.length) {
      await tx.query(`update staff_users set ${sets.join(', ')}, updated_at = $2 where id = $1`, vals)
      if (data.role !== undefined && data.role !== cur.role)
        await recordEvent(tx, ctx.actor, 'staff.role_changed', { type: 'staff_user', id }, { from: cur.role, to: data.role })
      if (data.disabled !== undefined && data.disabled !== cur.disabled)
        await recordEvent(tx, ctx.actor, data.disabled ? 'staff.disabled' : 'staff.enabled', { type: 'staff_user', id })
      if (data.displayName !== undefined && data.displayName !== cur.display_name)
        await recordEvent(tx, ctx.actor, 'staff.renamed', { type: 'staff_user', id }, { to: data.displayName })
    }
    if (data.disabled === true) await tx.query('delete from staff_sessions where user_id = $1', [id])
    if (data.capacity !== undefined || data.teams !== undefined) {
      const teams = data.teams ? [...new Set(data.teams)] : undefined
      await tx.query(
        `insert into agent_presence (user_id, capacity, teams, last_seen_at) values ($1, coalesce($2, 5), coalesce($3::text[], '{}'), $4)
         on conflict (user_id) do update set capacity = coalesce($2, agent_presence.capacity), teams = coalesce($3::text[], agent_presence.teams)`,
        [id, data.capacity ?? null, teams ?? null, now],
      )
      await recordEvent(tx, ctx.actor, 'staff.capacity_changed', { type: 'staff_user', id }, { capacity: data.capacity, teams })
    }
    if (data.disabled === true) await tx.query(`update agent_presence set status = 'offline' where user_id = $1`, [id])
    return data.disabled === true && !cur.disabled
  })
  if (disabledNow) await requeueAgentConversations(ctx, id)
  return (await listStaff(ctx.db)).find((s) => s.id === id)!
}
