/**
 * Web chat settings, checked once when the module is built. They have safe defaults, so
 * a deployment sets nothing; tests shorten the timings.
 */
import { z } from 'zod'

export const webchatConfigSchema = z.object({
  /** How long a visitor token stays valid without a refresh (the page refreshes it on every visit). */
  tokenTtlDays: z.number().min(1).max(365).default(30),
  /** Longest customer message, in characters; longer ones are refused with a clear message. */
  maxMessageChars: z.number().int().min(1).max(20_000).default(2000),
  /** A comment line this often keeps proxies from closing an idle event stream. */
  keepAliveMs: z.number().int().min(10).max(120_000).default(15_000),
  /** How long EventSource waits before reconnecting after a drop. */
  retryMs: z.number().int().min(100).max(60_000).default(2000),
})

export type WebchatConfig = z.infer<typeof webchatConfigSchema>

export function parseWebchatConfig(input: Partial<WebchatConfig> = {}): WebchatConfig {
  const r = webchatConfigSchema.safeParse(input)
  if (!r.success) throw new Error(`Invalid web chat settings: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  return r.data
}
