/**
 * wechaty settings: which puppet (the library that actually talks to WeChat — a token
 * gateway for WeCom / pad protocols, or a web protocol for personal accounts), its token,
 * and where the login session is remembered. Off unless WECHATY_ENABLED; tests hand in a
 * ready puppet instance (wechaty-puppet-mock) instead of a package name.
 */
import { join } from 'node:path'
import type { Config } from '../../bot/config.ts'

export interface WechatyConfig {
  /** A puppet package name, or a puppet instance (tests). */
  puppet: string | object
  puppetToken?: string
  /** Session file (name.memory-card.json) so a restart does not need a new QR scan; unset = not remembered. */
  sessionName?: string
}

export function wechatyConfig(config: Config, overrides: Partial<WechatyConfig> = {}): WechatyConfig | null {
  if (!config.WECHATY_ENABLED && !overrides.puppet) return null
  return {
    puppet: config.WECHATY_PUPPET,
    puppetToken: config.WECHATY_PUPPET_TOKEN,
    sessionName: join(config.DATA_DIR, config.WECHATY_NAME),
    ...overrides,
  }
}
