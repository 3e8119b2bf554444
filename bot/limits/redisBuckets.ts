/**
 * Token buckets in Redis, so every app replica spends one budget. One Lua script reads,
 * refills and takes from all of a request's buckets atomically, on Redis's own clock
 * (replicas' clocks may differ). Each bucket is a hash {t: tokens, at: ms} that expires
 * once it would be full again.
 *
 * Fails open: when Redis is unreachable or slow the request is served (and a warning
 * logged, at most once a minute) — /readyz reports Redis health; customers are not
 * turned away because of it.
 */
import { Redis } from 'ioredis'
import type { Logger } from 'pino'
import { msPerToken, refusalOf, type Buckets, type Refusal, type Take } from './buckets.ts'

// KEYS: the buckets. ARGV: per bucket, burst and ms per token.
// Returns the tokens each bucket holds now (before taking), as strings (Lua numbers
// would be truncated to integers); takes one from each only if all hold at least one.
const TAKE_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local levels = {}
local all = true
for i, key in ipairs(KEYS) do
  local burst = tonumber(ARGV[2 * i - 1])
  local per = tonumber(ARGV[2 * i])
  local saved = redis.call('HMGET', key, 't', 'at')
  local tokens = burst
  if saved[1] then tokens = math.min(burst, tonumber(saved[1]) + math.max(0, now - tonumber(saved[2])) / per) end
  levels[i] = tokens
  if tokens < 1 then all = false end
end
if all then
  for i, key in ipairs(KEYS) do
    local burst = tonumber(ARGV[2 * i - 1])
    local per = tonumber(ARGV[2 * i])
    redis.call('HSET', key, 't', tostring(levels[i] - 1), 'at', tostring(now))
    redis.call('PEXPIRE', key, math.ceil((burst - levels[i] + 1) * per))
  end
end
local out = {}
for i, v in ipairs(levels) do out[i] = tostring(v) end
return out
`

const WAIT_FOR_CONNECT_MS = 1000
const LOG_EVERY_MS = 60_000

type WithTake = Redis & { kefuTakeTokens(keyCount: number, ...args: (string | number)[]): Promise<string[]> }

export class RedisBuckets implements Buckets {
  private client: WithTake | null = null
  private lastWarning = -Infinity

  constructor(
    private readonly url: string,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {}

  /** Connected on first use: `kefu worker` never limits anything and needs no connection. */
  private connection(): WithTake {
    if (this.client) return this.client
    // No offline queue and a short timeout: a lost Redis must not hold customers' requests.
    const client = new Redis(this.url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 500 })
    client.on('error', (err) => this.log.debug({ err: err.message }, 'rate limit redis error'))
    client.defineCommand('kefuTakeTokens', { lua: TAKE_SCRIPT })
    return (this.client = client as WithTake)
  }

  private async ready(client: Redis) {
    if (client.status !== 'connecting' && client.status !== 'connect') return
    await new Promise<void>((resolve) => {
      const done = () => (clearTimeout(timer), client.off('ready', done), resolve())
      const timer = setTimeout(done, WAIT_FOR_CONNECT_MS)
      client.once('ready', done)
    })
  }

  async take(takes: Take[]): Promise<Refusal | null> {
    if (takes.length === 0) return null
    try {
      const client = this.connection()
      await this.ready(client)
      const keys = takes.map((t) => `${this.prefix}:rl:${t.name}:${t.key}`)
      const args = takes.flatMap((t) => [t.bucket.burst, msPerToken(t.bucket)])
      const levels = await client.kefuTakeTokens(keys.length, ...keys, ...args)
      return refusalOf(takes.map((take, i) => ({ take, tokens: Number(levels[i]) })))
    } catch (err) {
      const now = performance.now()
      if (now - this.lastWarning >= LOG_EVERY_MS) {
        this.lastWarning = now
        this.log.warn({ err: (err as Error).message }, 'rate limits unavailable (Redis unreachable); serving without them')
      }
      return null
    }
  }

  async close() {
    this.client?.disconnect()
    this.client = null
  }
}
