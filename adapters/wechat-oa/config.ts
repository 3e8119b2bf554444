/**
 * WeChat Official Account settings, taken from the one Config (WECHAT_*) and checked once
 * when the module is built. Tests pass overrides (a fake API server, short timeouts)
 * instead of touching the environment. No WECHAT_TOKEN = the channel is off.
 */
import { z } from 'zod'
import { WECHAT_SAFE_MODE_NEEDS_APP_ID, type Config } from '../../bot/config.ts'

export const wechatOaConfigSchema = z
  .object({
    /** The Token typed into 公众号后台 → 服务器配置; signs every webhook call. */
    token: z.string().regex(/^[A-Za-z0-9]{3,32}$/),
    appId: z.string().min(1).optional(),
    appSecret: z.string().min(1).optional(),
    /** EncodingAESKey; required only for 安全模式 / 兼容模式. */
    aesKey: z
      .string()
      .regex(/^[A-Za-z0-9]{43}$/)
      .optional(),
    apiBase: z.url(),
    /** WeChat gives up after 5 s and retries; answer before that, with a margin for the network. */
    replyTimeoutMs: z.number().int().min(50).max(4500),
    /** Renew the access token this long before WeChat says it expires. */
    tokenMarginSec: z.number().int().min(0).max(3600).default(300),
    /** A signed call's timestamp may be this far from our clock; its nonce is kept twice as long (replay.ts). */
    signatureWindowSec: z.number().int().min(30).max(86_400).default(300),
    /** The customer-service API works only this long after the customer's last message. */
    windowHours: z.number().min(1).max(48).default(48),
  })
  .refine((c) => !c.aesKey || !!c.appId, { path: ['appId'], message: WECHAT_SAFE_MODE_NEEDS_APP_ID })

export type WechatOaConfig = z.infer<typeof wechatOaConfigSchema>

/** The channel's settings, or null when WECHAT_TOKEN is unset (and no override gives one). */
export function wechatOaConfig(config: Config, overrides: Partial<WechatOaConfig> = {}): WechatOaConfig | null {
  const input = {
    token: config.WECHAT_TOKEN,
    appId: config.WECHAT_APP_ID,
    appSecret: config.WECHAT_APP_SECRET,
    aesKey: config.WECHAT_ENCODING_AES_KEY,
    apiBase: config.WECHAT_API_BASE,
    replyTimeoutMs: config.WECHAT_REPLY_TIMEOUT_MS,
    signatureWindowSec: config.WECHAT_SIGNATURE_WINDOW_SEC,
    ...overrides,
  }
  if (!input.token) return null
  const r = wechatOaConfigSchema.safeParse(input)
  if (!r.success) throw new Error(`Invalid WeChat settings: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  return r.data
}

/** Sending through the API needs the app's credentials; passive replies do not. */
export const canCallApi = (cfg: WechatOaConfig): cfg is WechatOaConfig & { appId: string; appSecret: string } => !!cfg.appId && !!cfg.appSecret
