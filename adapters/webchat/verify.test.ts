import { describe, expect, it } from 'vitest'
import { Unauthorized } from '../../bot/errors.ts'
import { newVisitorId, readVisitorToken, signVisitorToken } from './verify.ts'

const SECRET = 'a-test-secret-that-is-long-enough-000'
const DAY = 86_400_000
const now = new Date('2025-03-01T08:00:00Z')

describe('visitor tokens', () => {
  const visitorId = newVisitorId()
  const token = signVisitorToken(SECRET, { visitorId, issuedAt: now })

  it('reads back the visitor it was signed for', () => {
    expect(readVisitorToken(SECRET, token, new Date(now.getTime() + DAY), 30 * DAY)).toEqual({ visitorId, issuedAt: now })
  })

  it('refuses a token signed with another secret, or with any part changed', () => {
    const [v, id, iat, sig] = token.split('.') as [string, string, string, string]
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1)
    for (const bad of [
      signVisitorToken(`${SECRET}x`, { visitorId, issuedAt: now }),
      [v, newVisitorId(), iat, sig].join('.'),
      [v, id, String(Number(iat) + 86_400 * 60), sig].join('.'),
      [v, id, iat, flip(sig)].join('.'),
    ]) {
      expect(() => readVisitorToken(SECRET, bad, now, 30 * DAY)).toThrow(Unauthorized)
    }
  })

  it('refuses malformed and missing tokens as unknown', () => {
    for (const bad of [undefined, null, '', 'abc', `${token}.x`, token.replace('v1.', 'v2.'), 'v1.v_short.1.x']) {
      expect(() => readVisitorToken(SECRET, bad, now, 30 * DAY)).toThrow(/Unknown visitor token/)
    }
  })

  it('refuses an expired token and one issued far in the future', () => {
    expect(() => readVisitorToken(SECRET, token, new Date(now.getTime() + 31 * DAY), 30 * DAY)).toThrow(/expired/)
    const future = signVisitorToken(SECRET, { visitorId, issuedAt: new Date(now.getTime() + DAY) })
    expect(() => readVisitorToken(SECRET, future, now, 30 * DAY)).toThrow(/expired/)
  })

  it('makes visitor ids that cannot be guessed from each other', () => {
    const ids = new Set(Array.from({ length: 100 }, newVisitorId))
    expect(ids.size).toBe(100)
    for (const id of ids) expect(id).toMatch(/^v_[A-Za-z0-9_-]{22}$/)
  })
})
