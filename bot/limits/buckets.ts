/**
 * Token buckets for rate limits: each bucket holds up to `burst` tokens and refills at
 * `perMinute`; a request takes one token from every bucket it counts against, or none.
 * Channel-neutral: callers name the bucket and the key (an address, a visitor).
 * In memory for one process (the embedded default); RedisBuckets shares them between replicas.
 */

export interface Bucket {
  burst: number
  perMinute: number
}

export interface Take {
  /** What is limited, e.g. `webchat_messages_visitor`; also the metric label. */
  name: string
  /** Whose bucket, e.g. a client address or a visitor id. */
  key: string
  bucket: Bucket
}

export interface Refusal {
  /** The take that ran dry (the one with the longest wait). */
  name: string
  retryAfterMs: number
}

export interface Buckets {
  /** Take one token from each bucket — all of them, or none (a refused request costs nothing). */
  take(takes: Take[]): Promise<Refusal | null>
  close(): Promise<void>
}

export const msPerToken = (b: Bucket) => 60_000 / b.perMinute

/** The longest wait among buckets that hold less than one token, or null when all can give one. */
export function refusalOf(levels: { take: Take; tokens: number }[]): Refusal | null {
  let worst: Refusal | null = null
  for (const { take, tokens } of levels) {
    if (tokens >= 1) continue
    const retryAfterMs = Math.ceil((1 - tokens) * msPerToken(take.bucket))
    if (!worst || retryAfterMs > worst.retryAfterMs) worst = { name: take.name, retryAfterMs }
  }
  return worst
}

interface Level {
  tokens: number
  at: number
  /** When the bucket is full again: from then on it is the same as no entry at all. */
  fullAt: number
}

const PRUNE_EVERY = 1000

export class MemoryBuckets implements Buckets {
  private readonly levels = new Map<string, Level>()
  private takesSincePrune = 0
  constructor(private readonly now: () => number = () => performance.now()) {}

  async take(takes: Take[]): Promise<Refusal | null> {
    const now = this.now()
    const levels = takes.map((take) => {
      const id = `${take.name}\n${take.key}`
      const was = this.levels.get(id)
      const tokens = was ? Math.min(take.bucket.burst, was.tokens + (now - was.at) / msPerToken(take.bucket)) : take.bucket.burst
      return { id, take, tokens }
    })
    const refused = refusalOf(levels)
    if (refused) return refused
    for (const { id, take, tokens } of levels) {
      this.levels.set(id, { tokens: tokens - 1, at: now, fullAt: now + (take.bucket.burst - tokens + 1) * msPerToken(take.bucket) })
    }
    if (++this.takesSincePrune >= PRUNE_EVERY) this.prune(now)
    return null
  }

  /** Forget full buckets, so a flood of one-off keys cannot grow the map for ever. */
  private prune(now: number) {
    this.takesSincePrune = 0
    for (const [id, level] of this.levels) if (level.fullAt <= now) this.levels.delete(id)
  }

  async close() {
    this.levels.clear()
  }
}
