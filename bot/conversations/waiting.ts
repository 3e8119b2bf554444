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

/** Online agents under their capacity, least loaded first (optionally only this one). */
export async function availableAgents(db: Db, onlyUserId?: number | null): Promise<{ userId: number; load: number }[]> {
  const r = await db.query<{ user_id: number; load: number }>(
    `select p.user_id, count(c.id)::int as load
       from agent_presence p join staff_users u on u.id = p.user_id and not u.disabled
       left join conversations c on c.assignee_id = p.user_id and c.status = 'agent'
      where p.status = 'online' and ($1::bigint is null or p.user_id = $1)
      group by p.user_id, p.capacity having count(c.id) < p.capacity
      order by load, p.user_id`,
    [onlyUserId ?? null],
  )
  return r.rows.map((x) => ({ userId: x.user_id, load: x.load }))
}
