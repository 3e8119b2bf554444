/**
 * Searching 服务留痕 (audit_events): by actor (username, display name or "type:id"), action
 * (any part, e.g. "staff." or "handoff"), subject ("conversation:12", a type, or an id) and
 * calendar days in the desk's time zone. Newest first, a page at a time.
 */
import { z } from 'zod'
import type { Db } from '../../../bot/db/client.ts'
import { getSetting } from '../../../bot/settings.ts'

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
const text = (max: number) => z.preprocess(blank, z.string().trim().max(max).optional())
const day = z.preprocess(
  blank,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
    .optional(),
)

export const auditQuery = z.object({
  actor: text(100),
  action: text(100),
  subject: text(200),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
})
export type AuditQuery = z.infer<typeof auditQuery>

export const AUDIT_PAGE = 50

export interface AuditRow {
  id: number
  at: Date
  actorType: string
  actorId: string | null
  actorName: string | null
  action: string
  subjectType: string
  subjectId: string | null
  data: Record<string, unknown>
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

export async function searchAudit(db: Db, q: AuditQuery): Promise<{ total: number; rows: AuditRow[] }> {
  const hours = await getSetting(db, 'officeHours')
  const tz = (hours as { timezone?: string } | null)?.timezone ?? 'Asia/Shanghai'
  const [subjectType, subjectId] = q.subject?.includes(':') ? q.subject.split(':', 2) : [null, null]
  const [actorType, actorId] = q.actor?.includes(':') ? q.actor.split(':', 2) : [null, null]
  const where = `from audit_events a left join staff_users u on a.actor_type = 'user' and u.id::text = a.actor_id
    where ($1::text is null or (case when $2::text is not null then a.actor_type = $2 and a.actor_id = $3
            else a.actor_id = $1 or u.username ilike $4 or u.display_name ilike $4 end))
      and ($5::text is null or a.action ilike $5)
      and ($6::text is null or (case when $7::text is not null then a.subject_type = $7 and a.subject_id = $8
            else a.subject_type = $6 or a.subject_id = $6 end))
      and ($9::date is null or a.at >= ($9::date)::timestamp at time zone $11)
      and ($10::date is null or a.at < (($10::date) + 1)::timestamp at time zone $11)`
  const params = [
    q.actor ?? null,
    actorType,
    actorId,
    q.actor ? like(q.actor) : null,
    q.action ? like(q.action) : null,
    q.subject ?? null,
    subjectType,
    subjectId,
    q.from ?? null,
    q.to ?? null,
    tz,
  ]
  const total = (await db.query<{ n: number }>(`select count(*)::int as n ${where}`, params)).rows[0]?.n ?? 0
  const r = await db.query<any>(
    `select a.*, u.username as actor_name ${where} order by a.at desc, a.id desc limit ${AUDIT_PAGE} offset ${(q.page - 1) * AUDIT_PAGE}`,
    params,
  )
  return {
    total: Number(total),
    rows: r.rows.map((x) => ({
      id: Number(x.id),
      at: new Date(x.at),
      actorType: x.actor_type,
      actorId: x.actor_id,
      actorName: x.actor_name,
      action: x.action,
      subjectType: x.subject_type,
      subjectId: x.subject_id,
      data: x.data ?? {},
    })),
  }
}
