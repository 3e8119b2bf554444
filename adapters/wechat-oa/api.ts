/**
 * The WeChat API calls we make: the access token (one for every process, kept in the
 * database by tokenStore.ts and remembered here until it is due; renewed a margin before it
 * expires, and once for everyone when WeChat says it is invalid or expired), the
 * customer-service text and image messages, and a customer's photo or voice by its
 * MediaId (临时素材 media/get).
 */
import type { Clock } from '../../bot/clock.ts'
import type { Db } from '../../bot/db/client.ts'
import type { WechatOaConfig } from './config.ts'
import { sharedTokenStore, type StoredToken } from './tokenStore.ts'

/** WeChat answered with an error code; errcode tells callers what it means. */
export class WechatApiError extends Error {
  override name = 'WechatApiError'
  constructor(
    readonly errcode: number,
    errmsg: string,
  ) {
    super(`WeChat API error ${errcode}: ${errmsg}`)
  }
}

/** 40001 invalid credential, 42001 token expired, 40014 invalid token: get a new token and try once more. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001])

export interface WechatApi {
  /** The shared token; `rejected` is one WeChat just refused, to be replaced (once for every process). */
  accessToken(rejected?: string): Promise<string>
  sendText(openid: string, content: string): Promise<string | null>
  /** Upload a picture as temporary media (3 days), for a customer-service image message; its media_id. */
  uploadImage(bytes: Uint8Array, contentType: string, fileName: string): Promise<string>
  /** A customer-service image message (msgtype image) with an uploaded media_id. */
  sendImage(openid: string, mediaId: string): Promise<string | null>
  /** The bytes of a temporary media file (a customer's photo or voice), at most maxBytes. */
  getMedia(mediaId: string, maxBytes: number): Promise<Uint8Array>
}

export function wechatApi(
  cfg: WechatOaConfig & { appId: string; appSecret: string },
  { db, clock }: { db: Db; clock: Clock },
  fetchFn: typeof fetch = fetch,
): WechatApi {
  const store = sharedTokenStore(db, clock, cfg.appId)
  // What this process last read from the store; used until it is due or WeChat rejects it.
  let cached: StoredToken | null = null
  let inFlight: Promise<string> | null = null

  async function call(path: string, init?: RequestInit): Promise<any> {
    const res = await fetchFn(new URL(path, cfg.apiBase), { ...init, signal: AbortSignal.timeout(10_000) })
    if (!res.ok) throw new Error(`WeChat API ${path.split('?')[0]}: HTTP ${res.status}`)
    const body = (await res.json()) as { errcode?: number; errmsg?: string }
    if (body.errcode) throw new WechatApiError(body.errcode, body.errmsg ?? '')
    return body
  }

  async function fetchToken(): Promise<StoredToken> {
    const q = new URLSearchParams({ grant_type: 'client_credential', appid: cfg.appId, secret: cfg.appSecret })
    const body = await call(`/cgi-bin/token?${q}`)
    const ttl = Math.max(60, Number(body.expires_in) || 7200) - cfg.tokenMarginSec
    return { token: String(body.access_token), renewAt: clock.now().getTime() + Math.max(30, ttl) * 1000 }
  }

  /** Run a call with the token, once more with a fresh one when WeChat says it is invalid or expired. */
  async function withToken<T>(fn: (token: string) => Promise<T>): Promise<T> {
    const token = await api.accessToken()
    try {
      return await fn(token)
    } catch (err) {
      if (!(err instanceof WechatApiError) || !TOKEN_ERRORS.has(err.errcode)) throw err
      // Another sender (here or in another process) may already have renewed it; otherwise renew now, once.
      return fn(await api.accessToken(token))
    }
  }

  const api: WechatApi = {
    async accessToken(rejected) {
      if (cached && cached.token !== rejected && clock.now().getTime() < cached.renewAt) return cached.token
      // Concurrent senders in this process share one trip to the store (and at most one to WeChat).
      const shared = (inFlight ??= store
        .get(fetchToken, rejected ?? null)
        .then((t) => (cached = t).token)
        .finally(() => (inFlight = null)))
      const token = await shared
      // Joined a trip that was not about this rejection and brought the same token back: ask again.
      return token === rejected ? store.get(fetchToken, rejected).then((t) => (cached = t).token) : token
    },
    async sendText(openid, content) {
      const body = await withToken((token) =>
        call(`/cgi-bin/message/custom/send?access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify({ touser: openid, msgtype: 'text', text: { content } }),
        }),
      )
      return body.msgid?.toString() ?? null
    },
    async uploadImage(bytes, contentType, fileName) {
      const body = await withToken((token) => {
        const form = new FormData()
        form.append('media', new Blob([bytes as unknown as BlobPart], { type: contentType }), fileName)
        return call(`/cgi-bin/media/upload?access_token=${encodeURIComponent(token)}&type=image`, { method: 'POST', body: form })
      })
      return String(body.media_id)
    },
    async sendImage(openid, mediaId) {
      const body = await withToken((token) =>
        call(`/cgi-bin/message/custom/send?access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify({ touser: openid, msgtype: 'image', image: { media_id: mediaId } }),
        }),
      )
      return body.msgid?.toString() ?? null
    },
    async getMedia(mediaId, maxBytes) {
      return withToken(async (token) => {
        const q = new URLSearchParams({ access_token: token, media_id: mediaId })
        const res = await fetchFn(new URL(`/cgi-bin/media/get?${q}`, cfg.apiBase), { signal: AbortSignal.timeout(10_000) })
        if (!res.ok) throw new Error(`WeChat API /cgi-bin/media/get: HTTP ${res.status}`)
        // An error comes back as JSON; the file itself with its own type.
        if (res.headers.get('content-type')?.includes('json')) {
          const body = (await res.json()) as { errcode?: number; errmsg?: string }
          throw new WechatApiError(body.errcode ?? -1, body.errmsg ?? '')
        }
        const bytes = new Uint8Array(await res.arrayBuffer())
        if (bytes.byteLength > maxBytes) throw new Error(`WeChat media ${mediaId}: ${bytes.byteLength} bytes is over the limit`)
        return bytes
      })
    },
  }
  return api
}
