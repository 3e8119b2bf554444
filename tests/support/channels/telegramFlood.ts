/**
 * Telegram's flood control in front of telegram-test-api (which has none): a local proxy
 * that forwards every Bot API call, except the sendMessage calls to chats told to flood,
 * which get the Bot API's documented 429 — `{ ok: false, error_code: 429, description:
 * "Too Many Requests: retry after N", parameters: { retry_after: N } }`. It counts the
 * sendMessage calls per chat, so a test can tell a respected retry_after from a retry storm,
 * and keeps every call's method and body (`calls`), for calls the test server does not record.
 * It also stands in for the Bot API's files, which telegram-test-api lacks: getFile answers
 * for the files a test added (addFile) with a file_path, served at /file/bot<token>/<path>;
 * sendPhoto and sendDocument (multipart uploads) are taken and kept in `uploads`.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { forwardedHeaders, readBody } from './relay.ts'

export interface FloodControl {
  url: string
  /** The next `times` sendMessage calls to this chat answer 429 with retry_after = `seconds`. */
  flood(chatId: number, seconds: number, times?: number): void
  /** sendMessage calls made to this chat (answered or refused). */
  attempts(chatId: number): number
  /** A file Telegram holds under this file_id (what a customer's photo or document points at). */
  addFile(fileId: string, bytes: Uint8Array): void
  /** The photos and documents the bot uploaded: the method, the chat, and the multipart body as sent. */
  uploads: { method: string; chatId: string; body: Buffer }[]
  /** The bodies of the calls to this Bot API method, in order. */
  calls(method: string): Record<string, unknown>[]
  close(): Promise<void>
}

export async function startFloodControl(upstream: string): Promise<FloodControl> {
  const floods = new Map<string, { seconds: number; times: number }>()
  const calls = new Map<string, number>()
  const byMethod: { method: string; body: Record<string, unknown> }[] = []
  const files = new Map<string, Uint8Array>()
  const uploads: { method: string; chatId: string; body: Buffer }[] = []
  let nextUploadId = 900_000
  const server = createServer(async (req, res) => {
    const body = await readBody(req)
    const method = req.url?.split('?')[0]?.split('/').pop() ?? ''
    const json = req.headers['content-type']?.includes('json') ? JSON.parse(body.toString('utf8') || '{}') : {}
    if (req.headers['content-type']?.includes('json')) byMethod.push({ method, body: json })
    if ((method === 'sendPhoto' || method === 'sendDocument') && req.headers['content-type']?.startsWith('multipart/form-data')) {
      const chatId = body.toString('latin1').match(/name="chat_id"\r\n\r\n([^\r]+)/)?.[1] ?? ''
      uploads.push({ method, chatId, body })
      const answer = { ok: true, result: { message_id: ++nextUploadId, date: 1, chat: { id: Number(chatId), type: 'private' } } }
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer))
    }
    if (method === 'getFile') {
      const found = files.has(String(json.file_id))
      const answer = found
        ? {
            ok: true,
            result: {
              file_id: json.file_id,
              file_unique_id: json.file_id,
              file_size: files.get(json.file_id)!.byteLength,
              file_path: `photos/${json.file_id}.jpg`,
            },
          }
        : { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' }
      return res.writeHead(found ? 200 : 400, { 'content-type': 'application/json' }).end(JSON.stringify(answer))
    }
    const file = req.url?.match(/^\/file\/bot[^/]+\/photos\/(.+)\.jpg$/)?.[1]
    if (file && files.has(decodeURIComponent(file)))
      return res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from(files.get(decodeURIComponent(file))!))
    if (req.url?.endsWith('/sendMessage')) {
      const chat = String(JSON.parse(body.toString('utf8') || '{}').chat_id)
      calls.set(chat, (calls.get(chat) ?? 0) + 1)
      const f = floods.get(chat)
      if (f && f.times > 0) {
        f.times--
        const answer = { ok: false, error_code: 429, description: `Too Many Requests: retry after ${f.seconds}`, parameters: { retry_after: f.seconds } }
        return res.writeHead(429, { 'content-type': 'application/json' }).end(JSON.stringify(answer))
      }
    }
    const headers = forwardedHeaders(req)
    try {
      const r = await fetch(upstream + req.url, { method: req.method, headers, body: req.method === 'GET' ? undefined : new Uint8Array(body) })
      res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await r.arrayBuffer()))
    } catch {
      res.destroy() // the test server is down: the bot sees what it would of a Bot API it cannot reach
    }
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    flood: (chatId, seconds, times = 1) => void floods.set(String(chatId), { seconds, times }),
    attempts: (chatId) => calls.get(String(chatId)) ?? 0,
    addFile: (fileId, bytes) => void files.set(fileId, bytes),
    uploads,
    calls: (method) => byMethod.filter((c) => c.method === method).map((c) => c.body),
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}
