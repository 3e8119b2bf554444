/**
 * The one place dates are turned into the wall-clock text staff read. The server's own
 * zone is an accident of the host (the Docker image runs in UTC), so nothing here uses
 * it: times are shown in the service's configured zone, the `tickets.timezone` setting,
 * the same zone ticket numbers take their day from.
 */
import type { Db } from './db/client.ts'
import { getSetting, isTimeZone } from './settings.ts'

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'

/** The configured zone; an unknown one (saved before settings checked it) reads as the default rather than failing every page. */
export async function serviceTimeZone(db: Db): Promise<string> {
  const zone = await getSetting(db, 'tickets.timezone')
  return typeof zone === 'string' && isTimeZone(zone) ? zone : DEFAULT_TIME_ZONE
}

const parts = (at: Date, zone: string) =>
  Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  )

/** "2026-11-23" as the calendar in `zone` shows the instant. */
export function dayIn(at: Date, zone: string): string {
  const p = parts(at, zone)
  return `${p.year}-${p.month}-${p.day}`
}

/** "2026-11-23 11:05" in `zone`: the short date-time of every staff table. Empty for no date. */
export function staffTime(d: Date | string | null | undefined, zone: string): string {
  if (!d) return ''
  const at = new Date(d)
  if (Number.isNaN(at.getTime())) return ''
  const p = parts(at, zone)
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`
}

/** A table's formatter bound to the service's zone: `const when = await staffClock(db)`. */
export async function staffClock(db: Db): Promise<(d: Date | string | null | undefined) => string> {
  const zone = await serviceTimeZone(db)
  return (d) => staffTime(d, zone)
}
