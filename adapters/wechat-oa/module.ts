/**
 * The WeChat Official Account channel as an app module: the /wechat webhook and the
 * outbox sender for the customer-service API. Off (mounts nothing) unless WECHAT_TOKEN
 * is set; tests build it with overrides (a fake API server, short timeouts).
 */
import type { AppModule } from '../../bot/http/app.ts'
import { wechatApi } from './api.ts'
import { canCallApi, wechatOaConfig, type WechatOaConfig } from './config.ts'
import { wechatRoutes } from './routes.ts'
import { wechatSender } from './sender.ts'

export function createWechatOaModule(overrides: Partial<WechatOaConfig> = {}): AppModule {
  return {
    name: 'wechat-oa',
    async prepare(services) {
      const cfg = wechatOaConfig(services.config, overrides)
      if (!cfg) return
      if (!canCallApi(cfg)) services.log.warn('WeChat: WECHAT_APP_ID / WECHAT_APP_SECRET unset — only passive replies (within 5 s) reach customers')
      services.senders.register(wechatSender(services, cfg, canCallApi(cfg) ? wechatApi(cfg, services.clock) : null))
    },
    mount(app, services) {
      const cfg = wechatOaConfig(services.config, overrides)
      if (cfg) wechatRoutes(app, services, cfg)
    },
  }
}

export const wechatOaModule: AppModule = createWechatOaModule()
