/**
 * Telegram settings, taken from the one configuration object (bot/config.ts) and checked
 * once when the module starts. The channel is off unless TELEGRAM_BOT_TOKEN is set; in
 * webhook mode the secret is required, because without it anyone who guesses the URL
 * could write as any customer.
 */
import type { Config } from '../../bot/config.ts'

export interface TelegramConfig {
  botToken: string
  mode: 'webhook' | 'polling'
  /** Compared with X-Telegram-Bot-Api-Secret-Token on every webhook call. */
  webhookSecret: string | null
  apiRoot: string
  /** Where Telegram should post updates: PUBLIC_URL + /telegram/webhook (registered at start when known). */
  webhookUrl: string | null
  /** Telegram asks for about one message per second per chat; tests shorten it. */
  chatIntervalMs: number
  /** All chats together: Telegram allows about 30 messages per second. */
  globalPerSecond: number
  /** Long-poll wait per getUpdates call, in seconds. */
  pollTimeoutSec: number
  /** Give up on one Bot API call after this long (the job retries later). */
  requestTimeoutMs: number
}

export type TelegramOptions = Partial<Pick<TelegramConfig, 'chatIntervalMs' | 'globalPerSecond' | 'pollTimeoutSec' | 'requestTimeoutMs'>>

export const WEBHOOK_PATH = '/telegram/webhook'

/** null when Telegram is not configured (the module then does nothing). */
export function telegramConfig(config: Config, options: TelegramOptions = {}): TelegramConfig | null {
  if (!config.TELEGRAM_BOT_TOKEN) return null
  if (config.TELEGRAM_MODE === 'webhook' && !config.TELEGRAM_WEBHOOK_SECRET) {
    throw new Error('TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_MODE=webhook (or set TELEGRAM_MODE=polling for development).')
  }
  return {
    botToken: config.TELEGRAM_BOT_TOKEN,
    mode: config.TELEGRAM_MODE,
    webhookSecret: config.TELEGRAM_WEBHOOK_SECRET ?? null,
    apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
    webhookUrl: config.PUBLIC_URL ? new URL(WEBHOOK_PATH, config.PUBLIC_URL).toString() : null,
    chatIntervalMs: options.chatIntervalMs ?? 1000,
    globalPerSecond: options.globalPerSecond ?? 30,
    pollTimeoutSec: options.pollTimeoutSec ?? 25,
    requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
  }
}
