/**
 * A local server that plays WeChat's API for tests: /cgi-bin/token and
 * /cgi-bin/message/custom/send, with WeChat's error codes. It records what was sent, can
 * be told to fail the next calls, and to expire the token it issued (42001). It keeps
 * WeChat's quota: at most 5 customer-service messages per customer message (45047 beyond),
 * for every customer the driver says wrote (customerWrote); customers it never heard of
 * are not counted, so API-only tests can send freely. /cgi-bin/media/get serves the files a
 * test put there (addMedia) as WeChat does: the bytes with their type, or 40007 as JSON.
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface SentText {
  touser: string
  content: string
  /** For an image message: the media_id and the bytes that were uploaded under it. */
  image?: { mediaId: string; bytes: Uint8Array }
}

export interface FakeWechatApi {
  url: string
  sent: SentText[]
  tokensIssued: number
  /** The next `times` send calls (after `after` that succeed) answer this errcode (e.g. 40001, 45015, -1). */
  failNext(errcode: number, times?: number, opts?: { after?: number }): void
  /** The customer sent a message (or an event): WeChat allows 5 more messages to them. */
  customerWrote(openid: string): void
  /** A customer's photo or voice WeChat holds under this MediaId. */
  addMedia(mediaId: string, bytes: Uint8Array, contentType: string): void
  /** The token now in use answers 42001 from here on. */
  expireToken(): void
  close(): Promise<void>
}

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = ''
    req
      .setEncoding('utf8')
      .on('data', (d) => (s += d))
      .on('end', () => resolve(s))
  })

const readBytes = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve) => {
    const parts: Buffer[] = []
    req.on('data', (d: Buffer) => parts.push(d)).on('end', () => resolve(Buffer.concat(parts)))
  })

/** The bytes of the part named `name` in a multipart/form-data body. */
function multipartFile(raw: Buffer, contentType: string, name: string): Uint8Array | null {
  const boundary = contentType.match(/boundary=("?)([^";]+)\1/)?.[2]
  if (!boundary) return null
  const delimiter = Buffer.from(`--${boundary}`)
  let at = raw.indexOf(delimiter)
  while (at >= 0) {
    const next = raw.indexOf(delimiter, at + delimiter.length)
    if (next < 0) break
    const part = raw.subarray(at + delimiter.length + 2, next - 2) // after CRLF, before CRLF
    const split = part.indexOf('\r\n\r\n')
    if (split > 0 && part.subarray(0, split).toString('utf8').includes(`name="${name}"`)) return new Uint8Array(part.subarray(split + 4))
    at = next
  }
  return null
}

export async function startFakeWechatApi(creds: { appId: string; appSecret: string; expiresIn?: number }): Promise<FakeWechatApi> {
  const failures: (number | null)[] = []
  const QUOTA = 5
  const quota = new Map<string, number>()
  let current: string | null = null
  let expired = false
  const api = { sent: [] as SentText[], tokensIssued: 0 }
  const media = new Map<string, { bytes: Uint8Array; contentType: string }>()

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake')
    const reply = (body: object) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
      if (url.searchParams.get('appid') !== creds.appId) return reply({ errcode: 40013, errmsg: 'invalid appid' })
      if (url.searchParams.get('secret') !== creds.appSecret) return reply({ errcode: 40125, errmsg: 'invalid appsecret' })
      current = `ACCESS_TOKEN_${++api.tokensIssued}`
      expired = false
      return reply({ access_token: current, expires_in: creds.expiresIn ?? 7200 })
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/media/upload') {
      if (url.searchParams.get('access_token') !== current || expired) return reply({ errcode: 40001, errmsg: 'invalid credential' })
      if (url.searchParams.get('type') !== 'image') return reply({ errcode: 40004, errmsg: 'invalid media type' })
      // A multipart body with one part named "media": its bytes, as WeChat keeps them.
      const raw = await readBytes(req)
      const file = multipartFile(raw, String(req.headers['content-type']), 'media')
      if (!file) return reply({ errcode: 41005, errmsg: 'media data missing' })
      const id = `UPLOADED_${media.size + 1}`
      media.set(id, { bytes: file, contentType: 'image/png' })
      return reply({ type: 'image', media_id: id, created_at: Math.floor(Date.now() / 1000) })
    }
    if (req.method === 'GET' && url.pathname === '/cgi-bin/media/get') {
      if (url.searchParams.get('access_token') !== current || expired) return reply({ errcode: 40001, errmsg: 'invalid credential' })
      const file = media.get(url.searchParams.get('media_id') ?? '')
      if (!file) return reply({ errcode: 40007, errmsg: 'invalid media_id' })
      return res.writeHead(200, { 'content-type': file.contentType, 'content-disposition': 'attachment; filename="media"' }).end(Buffer.from(file.bytes))
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/custom/send') {
      const body = JSON.parse((await read(req)) || '{}')
      const token = url.searchParams.get('access_token')
      if (token !== current) return reply({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' })
      if (expired) return reply({ errcode: 42001, errmsg: 'access_token expired' })
      const fail = failures.shift()
      if (fail != null) return reply({ errcode: fail, errmsg: 'told to fail' })
      const image = body.msgtype === 'image' ? media.get(String(body.image?.media_id)) : undefined
      if (body.msgtype === 'image' && !image) return reply({ errcode: 40007, errmsg: 'invalid media_id' })
      if (body.msgtype !== 'image' && (body.msgtype !== 'text' || typeof body.text?.content !== 'string'))
        return reply({ errcode: 40008, errmsg: 'invalid message type' })
      if (body.msgtype === 'text' && Buffer.byteLength(body.text.content) > 2048) return reply({ errcode: 45002, errmsg: 'content size out of limit' })
      const left = quota.get(body.touser)
      if (left === 0) return reply({ errcode: 45047, errmsg: 'out of response count limit' })
      if (left !== undefined) quota.set(body.touser, left - 1)
      api.sent.push(
        image
          ? { touser: body.touser, content: '', image: { mediaId: body.image.media_id, bytes: image.bytes } }
          : { touser: body.touser, content: body.text.content },
      )
      return reply({ errcode: 0, errmsg: 'ok' })
    }
    res.writeHead(404).end()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return Object.assign(api, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    // null = a call that goes through; the failures queue up behind them.
    failNext: (errcode: number, times = 1, opts: { after?: number } = {}) =>
      void failures.push(...Array(opts.after ?? 0).fill(null), ...Array(times).fill(errcode)),
    customerWrote: (openid: string) => void quota.set(openid, QUOTA),
    addMedia: (mediaId: string, bytes: Uint8Array, contentType: string) => void media.set(mediaId, { bytes, contentType }),
    expireToken: () => void (expired = true),
    close: () => new Promise<void>((r) => server.close(() => r())),
  })
}
