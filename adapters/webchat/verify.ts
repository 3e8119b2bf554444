/**
 * Visitor tokens: the web chat's only identity. A token is
 * `v1.<visitorId>.<issuedAt seconds>.<HMAC-SHA256 of the rest, base64url>`, signed with
 * appSecret() so every replica accepts every other's tokens and nothing is stored per
 * visitor until they write. A forged, malformed or expired token is a 401.
 */
import { createHmac, randomBytes } from 'node:crypto'
import { appSecret } from '../../bot/appSecret.ts'
import { safeEqual } from '../../bot/auth/secrets.ts'
import type { Services } from '../../bot/context.ts'
import { Unauthorized } from '../../bot/errors.ts'

export interface Visitor {
  visitorId: string
  issuedAt: Date
}

/** Issued-at may be a little ahead of our clock when another replica's clock runs fast. */
const CLOCK_SKEW_MS = 5 * 60_000
const SHAPE = /^v1\.(v_[A-Za-z0-9_-]{16,64})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/

export const newVisitorId = () => `v_${randomBytes(16).toString('base64url')}`

// The "webchat" label keeps these signatures from ever matching another use of the same secret.
const sign = (secret: string, body: string) => createHmac('sha256', secret).update(`webchat:${body}`).digest('base64url')

export function signVisitorToken(secret: string, visitor: Visitor): string {
  const body = `v1.${visitor.visitorId}.${Math.floor(visitor.issuedAt.getTime() / 1000)}`
  return `${body}.${sign(secret, body)}`
}

/** The visitor behind a token, or Unauthorized. Pure: the caller supplies secret, clock and lifetime. */
export function readVisitorToken(secret: string, token: string | undefined | null, now: Date, ttlMs: number): Visitor {
  const m = token?.trim().match(SHAPE)
  if (!m) throw new Unauthorized('Unknown visitor token; ask for a new one at POST /webchat/api/session.')
  const [, visitorId, iat, signature] = m as unknown as [string, string, string, string]
  if (!safeEqual(signature, sign(secret, `v1.${visitorId}.${iat}`))) {
    throw new Unauthorized('The visitor token is not valid; ask for a new one at POST /webchat/api/session.')
  }
  const issuedAt = new Date(Number(iat) * 1000)
  const age = now.getTime() - issuedAt.getTime()
  if (age > ttlMs || age < -CLOCK_SKEW_MS) throw new Unauthorized('The visitor token has expired; ask for a new one at POST /webchat/api/session.')
  return { visitorId, issuedAt }
}

/** The two calls routes make, bound to the services' secret and clock. */
export function visitorTokens(services: Pick<Services, 'config' | 'db' | 'clock'>, ttlDays: number) {
  const ttlMs = ttlDays * 86_400_000
  return {
    async verify(token: string | undefined | null): Promise<Visitor> {
      return readVisitorToken(await appSecret(services), token, services.clock.now(), ttlMs)
    },
    async issue(visitorId = newVisitorId()): Promise<{ token: string; visitorId: string; expiresAt: Date }> {
      const issuedAt = services.clock.now()
      const token = signVisitorToken(await appSecret(services), { visitorId, issuedAt })
      return { token, visitorId, expiresAt: new Date(Math.floor(issuedAt.getTime() / 1000) * 1000 + ttlMs) }
    },
  }
}
