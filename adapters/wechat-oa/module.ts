/**
 * The WeChat Official Account channel as an app module: the /wechat webhook and the
 * outbox sender for the customer-service API. Off (mounts nothing) unless WECHAT_TOKEN
 * is set; tests build it with overrides (a fake API server, short timeouts).
 */
import type { AppModule } from '../../bot/http/app.ts'
import type { Services } from '../../bot/context.ts'
import { type WechatApi, wechatApi } from './api.ts'
import { canCallApi, wechatOaConfig, type WechatOaConfig } from './config.ts'
import { wechatRoutes } from './routes.ts'
import { wechatSender } from './sender.ts'

export function createWechatOaModule(overrides: Partial<WechatOaConfig> = {}): AppModule {
  // One API client per configuration, so the sender and the webhook (fetching photos) share one token.
  const apis = new WeakMap<object, WechatApi | null>()
  const apiFor = (services: Services, cfg: WechatOaConfig) => {
    if (!apis.has(services.config)) apis.set(services.config, canCallApi(cfg) ? wechatApi(cfg, services) : null)
    return apis.get(services.config)!
  }
  return {
    name: 'wechat-oa',
    async prepare(services) {
      const cfg = wechatOaConfig(services.config, overrides)
      if (!cfg) return
      if (!canCallApi(cfg)) services.log.warn('WeChat: WECHAT_APP_ID / WECHAT_APP_SECRET unset — only passive replies (within 5 s) reach customers')
      services.senders.register(wechatSender(services, cfg, apiFor(services, cfg)))
    },
    mount(app, services) {
      const cfg = wechatOaConfig(services.config, overrides)
      if (cfg) wechatRoutes(app, services, cfg, apiFor(services, cfg))
    },
  }
}

export const wechatOaModule: AppModule = createWechatOaModule()
