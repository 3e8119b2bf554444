import { describe, expect, it } from 'vitest'
import { isTimeZone } from './settings.ts'
import { dayIn, staffTime } from './timeZone.ts'

describe('staff times in the configured zone', () => {
  const at = new Date('2026-11-23T16:05:00Z')

  it('shows the wall clock of the zone, not of the server', () => {
    expect(staffTime(at, 'Asia/Shanghai')).toBe('2026-11-24 00:05')
    expect(staffTime(at, 'UTC')).toBe('2026-11-23 16:05')
    expect(staffTime(at.toISOString(), 'Europe/Berlin')).toBe('2026-11-23 17:05')
    expect(dayIn(at, 'Asia/Shanghai')).toBe('2026-11-24')
    expect(dayIn(at, 'America/Los_Angeles')).toBe('2026-11-23')
  })

  it('follows daylight saving and midnight as 00, not 24', () => {
    expect(staffTime(new Date('2026-07-01T12:00:00Z'), 'Europe/Berlin')).toBe('2026-07-01 14:00')
    expect(staffTime(new Date('2026-01-01T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-01-02 00:00')
  })

  it('prints nothing for no date or a broken one', () => {
    expect(staffTime(null, 'UTC')).toBe('')
    expect(staffTime('not a date', 'UTC')).toBe('')
  })

  it('knows real zones only', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true)
    expect(isTimeZone('Asia/Shangai')).toBe(false)
  })
})
