/**
 * Telegram's flood control in front of telegram-test-api (which has none): a local proxy
 * that forwards every Bot API call, except the sendMessage calls to chats told to flood,
 * which get the Bot API's documented 429 — `{ ok: false, error_code: 429, description:
 * "Too Many Requests: retry after N", parameters: { retry_after: N } }`. It counts the
 * sendMessage calls per chat, so a test can tell a respected retry_after from a retry storm.
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
  close(): Promise<void>
}

export async function startFloodControl(upstream: string): Promise<FloodControl> {
  const floods = new Map<string, { seconds: number; times: number }>()
  const calls = new Map<string, number>()
  const server = createServer(async (req, res) => {
    const body = await readBody(req)
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
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}
