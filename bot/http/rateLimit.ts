/**
 * Rate limits for HTTP routes, channel-neutral: a route names the buckets a request
 * counts against and the words for a refused customer; over the limit it answers 429
 * with Retry-After (the error mapper adds the header, the metrics count it).
 */
import type { Context } from 'hono'
import { RateLimited } from '../errors.ts'
import type { Take } from '../limits/index.ts'
import type { AppEnv } from './types.ts'

/** Take one token from each bucket or throw RateLimited; `message` is already in the caller's language. */
export async function enforceLimits(c: Context<AppEnv>, takes: Take[], message: string): Promise<void> {
  const refused = await c.get('services').limits.take(takes)
  if (!refused) return
  const retryAfterSeconds = Math.max(1, Math.ceil(refused.retryAfterMs / 1000))
  throw new RateLimited(message, { limit: refused.name, retryAfterSeconds })
}

/** The Retry-After a refusal carries (seconds), if it says one. */
export function retryAfterOf(err: RateLimited): number | null {
  const s = err.details?.retryAfterSeconds
  return typeof s === 'number' && s > 0 ? s : null
}
