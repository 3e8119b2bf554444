/** 服务留痕: record who did what to which thing. Call inside the verb's transaction. */
import type { Actor } from './context.ts'
import type { Db } from './db/client.ts'

export async function recordEvent(
  db: Db,
  actor: Actor,
  action: string,
  subject: { type: string; id?: string | number | null },
  data: Record<string, unknown> = {},
): Promise<void> {
  const actorId = actor.type === 'system' ? actor.name : String(actor.id)
  await db.query(
    `insert into audit_events (actor_type, actor_id, action, subject_type, subject_id, data)
     values ($1, $2, $3, $4, $5, $6)`,
    [actor.type, actorId, action, subject.type, subject.id == null ? null : String(subject.id), JSON.stringify(data)],
  )
}
