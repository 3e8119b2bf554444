/**
 * The wechaty channel (personal WeChat or WeCom through a puppet) as an app module. It
 * has no routes: messages arrive over the puppet's connection. prepare() starts the
 * runner without waiting for the login (a QR scan may take a person minutes) and
 * registers the sender. Off unless WECHATY_ENABLED (or a test hands in a puppet).
 */
import type { AppModule } from '../../bot/http/app.ts'
import { wechatyConfig, type WechatyConfig } from './config.ts'
import { startWechatyRunner, type WechatyRunner } from './runner.ts'
import { wechatySender } from './sender.ts'

export interface WechatyModule extends AppModule {
  /** The running bot, once prepare() has started it (null when the channel is off). */
  runner(): Promise<WechatyRunner | null>
}

export function createWechatyModule(overrides: Partial<WechatyConfig> = {}): WechatyModule {
  let started: Promise<WechatyRunner | null> = Promise.resolve(null)
  let current: WechatyRunner | null = null
  return {
    name: 'wechaty',
    async prepare(services) {
      const cfg = wechatyConfig(services.config, overrides)
      if (!cfg) return
      services.senders.register(wechatySender(() => current))
      started = startWechatyRunner(services, cfg).then(
        (r) => (current = r),
        (err) => (services.log.error({ err }, 'wechaty did not start: check WECHATY_PUPPET and WECHATY_PUPPET_TOKEN'), null),
      )
    },
    mount() {},
    runner: () => started,
  }
}

export const wechatyModule: WechatyModule = createWechatyModule()
