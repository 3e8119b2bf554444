/**
 * The web chat's rate limits: which buckets each public call counts against. Budgets
 * come from config (WEBCHAT_LIMIT_*); the counting is bot/http/rateLimit.ts. Checked
 * before anything is stored or answered, so a refused message leaves no trace.
 */
import type { Context } from 'hono'
import type { Config } from '../../bot/config.ts'
import { addressKey, clientAddress } from '../../bot/http/clientAddress.ts'
import { enforceLimits } from '../../bot/http/rateLimit.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import type { Bucket, Take } from '../../bot/limits/index.ts'
import { t } from './i18n.ts'

const takes = (...wanted: [name: string, key: string, bucket: Bucket | null][]): Take[] =>
  wanted.flatMap(([name, key, bucket]) => (bucket ? [{ name, key, bucket }] : []))

export function webchatLimits(config: Config) {
  const address = (c: Context<AppEnv>) => addressKey(clientAddress(c, config.TRUST_PROXY_HOPS))
  const tooBusy = (c: Context<AppEnv>) => t(c.get('locale'), 'webchat.tooBusy')
  return {
    /** A new visitor or a token refresh: per address (a visitor has no identity yet). */
    session: (c: Context<AppEnv>) => enforceLimits(c, takes(['webchat_sessions_ip', address(c), config.WEBCHAT_LIMIT_SESSIONS_PER_IP]), tooBusy(c)),
    /** A message: per visitor and per address, both or neither spent. */
    message: (c: Context<AppEnv>, visitorId: string) =>
      enforceLimits(
        c,
        takes(
          ['webchat_messages_visitor', visitorId, config.WEBCHAT_LIMIT_MESSAGES_PER_VISITOR],
          ['webchat_messages_ip', address(c), config.WEBCHAT_LIMIT_MESSAGES_PER_IP],
        ),
        t(c.get('locale'), 'webchat.tooFast'),
      ),
    /** History and the event stream: what a page load or a reconnect reads. */
    read: (c: Context<AppEnv>) => enforceLimits(c, takes(['webchat_reads_ip', address(c), config.WEBCHAT_LIMIT_READS_PER_IP]), tooBusy(c)),
  }
}
