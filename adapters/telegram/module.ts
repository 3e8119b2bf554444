/**
 * The Telegram channel as an app module. Off (mount and prepare do nothing) unless
 * TELEGRAM_BOT_TOKEN is set. Every process that runs jobs registers the sender (prepare
 * runs in `kefu worker` too); the web process mounts the webhook — and tells Telegram its
 * URL when PUBLIC_URL is known — or, in polling mode, runs the polling loop.
 */
import type { Services } from '../../bot/context.ts'
import type { AppModule } from '../../bot/http/app.ts'
import { telegramConfig, type TelegramConfig, type TelegramOptions } from './config.ts'
import { createApi, deadline, type Telegram } from './api.ts'
import { ALLOWED_UPDATES } from './inbound.ts'
import { startPolling, type Poller } from './polling.ts'
import { telegramRoutes } from './routes.ts'
import { telegramSender } from './sender.ts'

export interface TelegramModule extends AppModule {
  /** Stop long polling (tests, shutdown); a no-op in webhook mode. */
  stop(): Promise<void>
}

export function createTelegramModule(options: TelegramOptions = {}): TelegramModule {
  let setup: { cfg: TelegramConfig; api: Telegram } | null | undefined
  let poller: Poller | null = null

  const configure = (services: Services) => {
    if (setup === undefined) {
      const cfg = telegramConfig(services.config, options)
      setup = cfg ? { cfg, api: createApi(cfg.botToken, cfg.apiRoot) } : null
    }
    // The setup is made once per module; each runtime it serves gets its sender.
    const s = setup
    if (s) services.senders.ensure('telegram', () => telegramSender(services, s.api, s.cfg, services.config.PUBLIC_URL ?? null))
    return setup
  }

  return {
    name: 'telegram',
    async prepare(services) {
      configure(services)
    },
    mount(app, services) {
      const s = configure(services)
      if (!s) return
      if (s.cfg.mode === 'polling') {
        poller ??= startPolling(services, s.api, s.cfg)
        return
      }
      telegramRoutes(app, services, s.api, s.cfg)
      if (s.cfg.webhookUrl) {
        s.api
          .callApi(
            'setWebhook',
            { url: s.cfg.webhookUrl, secret_token: s.cfg.webhookSecret!, allowed_updates: [...ALLOWED_UPDATES] },
            { signal: deadline(s.cfg.requestTimeoutMs) },
          )
          .then(() => services.log.info({ url: s.cfg.webhookUrl }, 'telegram: webhook registered'))
          .catch((err) =>
            services.log.error({ err: String(err?.message ?? err) }, 'telegram: could not register the webhook; set it by hand (docs/channels/telegram.md)'),
          )
      }
    },
    async stop() {
      await poller?.stop()
      poller = null
    },
  }
}

export const telegramModule: TelegramModule = createTelegramModule()
