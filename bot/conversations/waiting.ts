/** Reads of the waiting queue: VIP first, then who has waited longest; and which agents can take more work. */
import type { Db } from '../db/client.ts'

export async function queuePosition(db: Db, conversationId: number): Promise<number> {
  const r = await db.query<{ n: number }>(
    `select count(*)::int + 1 as n from conversations o, conversations me
      where me.id = $1 and o.status = 'waiting' and o.id <> me.id
        and (o.priority > me.priority or (o.priority = me.priority and (o.queued_at, o.id) < (me.queued_at, me.id)))`,
    [conversationId],
  )
  return r.rows[0]?.n ?? 1
}

/**
 * Online agents under their capacity, least loaded first (optionally only this one; with a
 * team, only its members: a chat sent to a team's queue goes to one of them).
 */
export async function availableAgents(db: Db, onlyUserId?: number | null, team?: string | null): Promise<{ userId: number; load: number }[]> {
  const r = await db.query<{ user_id: number; load: number }>(
    `select p.user_id, count(c.id)::int as load
       from agent_presence p join staff_users u on u.id = p.user_id and not u.disabled
       left join conversations c on c.assignee_id = p.user_id and c.status = 'agent'
      where p.status = 'online' and ($1::bigint is null or p.user_id = $1) and ($2::text is null or $2 = any(p.teams))
      group by p.user_id, p.capacity having count(c.id) < p.capacity
      order by load, p.user_id`,
    [onlyUserId ?? null, team ?? null],
  )
  return r.rows.map((x) => ({ userId: x.user_id, load: x.load }))
}

/** The next waiting chats this agent may take (VIP first, then the longest wait; no team, or one of theirs), locked. */
export async function nextWaitingFor(db: Db, agentId: number, limit: number, notId?: number): Promise<number[]> {
  const r = await db.query<{ id: number }>(
    `select c.id from conversations c
      where c.status = 'waiting' and c.id <> coalesce($3::bigint, 0)
        and (c.team is null or c.team = any(coalesce((select teams from agent_presence where user_id = $1), '{}')))
      order by c.priority desc, c.queued_at, c.id limit $2 for update skip locked`,
    [agentId, limit, notId ?? null],
  )
  return r.rows.map((x) => x.id)
}

/** Whether this staff member is online now (a transfer to anyone else would strand the customer). */
export async function isOnline(db: Db, userId: number): Promise<boolean> {
  const r = await db.query(`select 1 from agent_presence where user_id = $1 and status = 'online'`, [userId])
  return r.rows.length > 0
}

/** Who is online now, and how many of them have room (of a team, when given) — read together, so the two agree. */
export async function staffingNow(db: Db, team: string | null): Promise<{ online: number; withRoom: number }> {
  const r = await db.query<{ online: number; with_room: number }>(
    `select count(*)::int as online, count(*) filter (where ($1::text is null or $1 = any(p.teams)) and
            (select count(*) from conversations c where c.assignee_id = p.user_id and c.status = 'agent') < p.capacity)::int as with_room
       from agent_presence p join staff_users u on u.id = p.user_id and not u.disabled where p.status = 'online'`,
    [team],
  )
  return { online: r.rows[0]?.online ?? 0, withRoom: r.rows[0]?.with_room ?? 0 }
}
