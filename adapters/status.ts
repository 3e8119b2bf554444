/**
 * `kefu channels`: for each channel, whether it is configured here and whether the
 * platform answers (a cheap authenticated call: Telegram getMe, WeChat access token,
 * Microsoft sign-in for Teams). Wechaty runs inside the worker and is not probed.
 */
import type { Config } from '../bot/config.ts'
import { teamsConfig } from './teams/config.ts'
import { telegramConfig } from './telegram/config.ts'
import { canCallApi, wechatOaConfig } from './wechat-oa/config.ts'
import { wechatyConfig } from './wechaty/config.ts'

export interface ChannelStatus {
  channel: string
  configured: boolean
  healthy: boolean | null
  detail: string
}

const PROBE_TIMEOUT_MS = 5000

async function probe(url: string, init: RequestInit, ok: (body: any) => string | null): Promise<{ healthy: boolean; detail: string }> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
    const body = await res.json().catch(() => ({}))
    const good = res.ok ? ok(body) : null
    return good ? { healthy: true, detail: good } : { healthy: false, detail: `HTTP ${res.status}: ${JSON.stringify(body).slice(0, 200)}` }
  } catch (err) {
    return { healthy: false, detail: `unreachable: ${(err as Error).message}` }
  }
}

/** A setting error (e.g. a token without its secret) is a status, not a crash. */
function read<T>(fn: () => T): { value: T | null; error: string | null } {
  try {
    return { value: fn(), error: null }
  } catch (err) {
    return { value: null, error: (err as Error).message }
  }
}

export async function channelStatuses(config: Config): Promise<ChannelStatus[]> {
  const out: ChannelStatus[] = [{ channel: 'webchat', configured: true, healthy: true, detail: 'served by this app at / and /webchat/widget.js' }]

  const tg = read(() => telegramConfig(config))
  if (!tg.value) out.push({ channel: 'telegram', configured: false, healthy: null, detail: tg.error ?? 'set TELEGRAM_BOT_TOKEN (docs/channels/telegram.md)' })
  else {
    const p = await probe(`${tg.value.apiRoot}/bot${tg.value.botToken}/getMe`, {}, (b) => (b?.ok ? `bot @${b.result?.username} (${tg.value!.mode})` : null))
    out.push({ channel: 'telegram', configured: true, ...p })
  }

  const wx = read(() => wechatOaConfig(config))
  if (!wx.value) out.push({ channel: 'wechat', configured: false, healthy: null, detail: wx.error ?? 'set WECHAT_TOKEN (docs/channels/wechat-oa.md)' })
  else if (!canCallApi(wx.value))
    out.push({
      channel: 'wechat',
      configured: true,
      healthy: null,
      detail: 'passive replies only: set WECHAT_APP_ID and WECHAT_APP_SECRET to send late replies',
    })
  else {
    const q = new URLSearchParams({ grant_type: 'client_credential', appid: wx.value.appId, secret: wx.value.appSecret })
    const p = await probe(`${wx.value.apiBase}/cgi-bin/token?${q}`, {}, (b) =>
      b?.access_token ? `access token ok (${wx.value!.aesKey ? 'safe mode' : 'plain mode'})` : null,
    )
    out.push({ channel: 'wechat', configured: true, ...p })
  }

  const wy = read(() => wechatyConfig(config))
  out.push(
    wy.value
      ? {
          channel: 'wechaty',
          configured: true,
          healthy: null,
          detail: `puppet ${String(wy.value.puppet)}; runs in the worker process — see its log for the login`,
        }
      : { channel: 'wechaty', configured: false, healthy: null, detail: 'set WECHATY_ENABLED=true (docs/channels/wechaty.md)' },
  )

  const tm = read(() => teamsConfig(config))
  if (!tm.value)
    out.push({ channel: 'teams', configured: false, healthy: null, detail: tm.error ?? 'set TEAMS_APP_ID and TEAMS_APP_PASSWORD (docs/channels/teams.md)' })
  else if (!tm.value.auth) out.push({ channel: 'teams', configured: true, healthy: null, detail: 'authentication off (Emulator only)' })
  else {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: tm.value.appId,
      client_secret: tm.value.appPassword,
      scope: 'https://api.botframework.com/.default',
    })
    const tenant = tm.value.tenantId ?? 'botframework.com'
    const p = await probe(`https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`, { method: 'POST', body }, (b) =>
      b?.access_token ? 'app credentials accepted' : null,
    )
    out.push({ channel: 'teams', configured: true, ...p })
  }
  return out
}
