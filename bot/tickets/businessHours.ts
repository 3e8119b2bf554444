/**
 * Time counted in business hours: SLA targets run only while the office is open (the
 * officeHours setting: time zone, week days, start–end, holidays closed all day). With no
 * office hours the clock runs 24×7.
 */
import type { SettingValue } from '../settings.ts'

type Hours = SettingValue<'officeHours'>
const DAY_MS = 86_400_000

/** The wall-clock parts of an instant in a time zone. */
function wall(at: Date, timeZone: string) {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  )
  return { date: `${p.year}-${p.month}-${p.day}`, ms: Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!) }
}

/** The instant when the clock in `timeZone` shows `date` `hhmm` (twice round for DST edges). */
export function zonedInstant(date: string, hhmm: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const [h, min] = hhmm.split(':').map(Number) as [number, number]
  const target = Date.UTC(y, m - 1, d, h, min)
  let guess = target
  for (let i = 0; i < 2; i++) guess = target - (wall(new Date(guess), timeZone).ms - guess)
  return new Date(guess)
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10)
}

function weekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay()
  return d === 0 ? 7 : d
}

/** `from` plus `ms` of open office time. */
export function addBusinessTime(from: Date, ms: number, hours: Hours): Date {
  if (!hours) return new Date(from.getTime() + ms)
  let remaining = ms
  let cursor = from
  let date = wall(from, hours.timezone).date
  // Ten years of days at most: a calendar with no open day must not loop for ever.
  for (let i = 0; i < 3660; i++) {
    if (hours.days.includes(weekday(date)) && !hours.holidays.includes(date)) {
      const open = zonedInstant(date, hours.start, hours.timezone)
      const close = zonedInstant(date, hours.end, hours.timezone)
      // biome-ignore lint/complexity/useMathMinMax: Dates; Math.max would return a number
      const start = cursor > open ? cursor : open
      if (start < close) {
        const available = close.getTime() - start.getTime()
        if (remaining <= available) return new Date(start.getTime() + remaining)
        remaining -= available
      }
    }
    date = nextDate(date)
    cursor = zonedInstant(date, '00:00', hours.timezone)
  }
  throw new Error('The office-hours calendar has no open time within ten years.')
}

/** Open office time between two instants, in ms (0 when `to` is not after `from`). */
export function businessTimeBetween(from: Date, to: Date, hours: Hours): number {
  if (to <= from) return 0
  if (!hours) return to.getTime() - from.getTime()
  let total = 0
  let date = wall(from, hours.timezone).date
  for (let i = 0; i < 3660; i++) {
    const dayStart = zonedInstant(date, '00:00', hours.timezone)
    if (dayStart >= to) return total
    if (hours.days.includes(weekday(date)) && !hours.holidays.includes(date)) {
      const open = zonedInstant(date, hours.start, hours.timezone).getTime()
      const close = zonedInstant(date, hours.end, hours.timezone).getTime()
      const start = Math.max(open, from.getTime())
      const end = Math.min(close, to.getTime())
      if (end > start) total += end - start
    }
    date = nextDate(date)
  }
  return total
}
