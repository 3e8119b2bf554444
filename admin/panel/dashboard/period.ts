/**
 * The dashboard's period: calendar days (from and to, both included) in the desk's time
 * zone — the office-hours zone, else Asia/Shanghai — and an optional channel. The
 * database turns the days into instants, so "a day" means the same on every replica.
 */
import { z } from 'zod'
import type { Db } from '../../../bot/db/client.ts'
import { CHANNELS } from '../../../bot/conversations/types.ts'
import { getSetting } from '../../../bot/settings.ts'
import { dayIn } from '../../../bot/timeZone.ts'

export { CHANNELS }
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
const blank = (v: unknown) => (v === '' ? undefined : v)

export const periodQuery = z.object({
  from: z.preprocess(blank, day.optional()),
  to: z.preprocess(blank, day.optional()),
  channel: z.preprocess(blank, z.enum(CHANNELS).optional()),
})
export type PeriodQuery = z.infer<typeof periodQuery>

export interface Period {
  fromDay: string
  toDay: string
  channel: string | null
  timezone: string
  /** [from, to) as instants. */
  from: Date
  to: Date
  days: string[]
}

const DEFAULT_DAYS = 14
const MAX_DAYS = 366

/** Whole-day arithmetic on YYYY-MM-DD (done in UTC, where every day has 24 hours). */
export function addDays(d: string, n: number): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
}

export async function resolvePeriod(db: Db, q: PeriodQuery, now: Date): Promise<Period> {
  const hours = await getSetting(db, 'officeHours')
  const timezone = (hours as { timezone?: string } | null)?.timezone ?? 'Asia/Shanghai'
  let toDay = q.to ?? dayIn(now, timezone)
  let fromDay = q.from ?? addDays(toDay, -(DEFAULT_DAYS - 1))
  if (fromDay > toDay) [fromDay, toDay] = [toDay, fromDay]
  if (addDays(fromDay, MAX_DAYS) < toDay) fromDay = addDays(toDay, -(MAX_DAYS - 1))
  const r = await db.query<{ f: Date; t: Date }>(`select ($1::date)::timestamp at time zone $3 as f, (($2::date) + 1)::timestamp at time zone $3 as t`, [
    fromDay,
    toDay,
    timezone,
  ])
  const days: string[] = []
  for (let d = fromDay; d <= toDay; d = addDays(d, 1)) days.push(d)
  return { fromDay, toDay, channel: q.channel ?? null, timezone, from: new Date(r.rows[0]!.f), to: new Date(r.rows[0]!.t), days }
}

/** A link that keeps the period and channel, with more parameters. */
export function periodLink(path: string, p: Pick<Period, 'fromDay' | 'toDay' | 'channel'>, extra: Record<string, string | number> = {}): string {
  const qs = new URLSearchParams({ from: p.fromDay, to: p.toDay, ...(p.channel ? { channel: p.channel } : {}) })
  for (const [k, v] of Object.entries(extra)) qs.set(k, String(v))
  return `${path}?${qs}`
}
