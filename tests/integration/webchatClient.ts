/** A web chat visitor for integration tests: the widget's HTTP calls, and an event-stream reader. */
import { randomUUID } from 'node:crypto'
import type { Hono } from 'hono'
import type { AppEnv } from '../../bot/http/types.ts'

export interface SseEvent {
  event?: string
  id?: string
  data?: any
  comment?: string
}

export function visitor(app: Hono<AppEnv>, lang = 'zh') {
  const json = { 'content-type': 'application/json', 'accept-language': lang }
  const auth = (token: string) => ({ ...json, authorization: `Bearer ${token}` })
  return {
    async session(token?: string) {
      const res = await app.request('/webchat/api/session', { method: 'POST', headers: token ? auth(token) : json })
      return { status: res.status, body: (await res.json()) as any }
    },
    async send(token: string, text: string, opts: { id?: string; payload?: string } = {}) {
      const res = await app.request('/webchat/api/messages', {
        method: 'POST',
        headers: auth(token),
        body: JSON.stringify({ id: opts.id ?? randomUUID(), text, payload: opts.payload }),
      })
      return { status: res.status, body: (await res.json()) as any }
    },
    async history(token: string) {
      const res = await app.request('/webchat/api/history', { headers: auth(token) })
      return { status: res.status, body: (await res.json()) as any }
    },
    async stream(token: string, opts: { after?: number; lastEventId?: string } = {}) {
      const q = `token=${encodeURIComponent(token)}${opts.after !== undefined ? `&after=${opts.after}` : ''}`
      const res = await app.request(`/webchat/api/stream?${q}`, { headers: opts.lastEventId ? { 'last-event-id': opts.lastEventId } : {} })
      return { status: res.status, reader: res.ok ? sseReader(res) : null, res }
    },
  }
}

/** Reads events as they come; `next` waits for the next one that matches. */
export function sseReader(res: Response) {
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  const events: SseEvent[] = []
  let buffer = ''
  let done = false
  // One read in flight at a time: a read that lost a race with the timeout still delivers later.
  let reading: Promise<ReadableStreamReadResult<Uint8Array>> | null = null

  async function pull(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)))
    reading ??= reader.read()
    const chunk = await Promise.race([reading, timeout])
    clearTimeout(timer)
    if (chunk === 'timeout') return false
    reading = null
    if (chunk.done) {
      done = true
      return false
    }
    buffer += decoder.decode(chunk.value, { stream: true })
    let cut: number
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      events.push(parseBlock(buffer.slice(0, cut)))
      buffer = buffer.slice(cut + 2)
    }
    return true
  }

  return {
    events,
    get ended() {
      return done
    },
    /** The next event (comments included only when `comments`), or null after `timeoutMs` or the end. */
    async next(opts: { timeoutMs?: number; comments?: boolean } = {}): Promise<SseEvent | null> {
      const deadline = Date.now() + (opts.timeoutMs ?? 5000)
      for (;;) {
        const i = events.findIndex((e) => opts.comments || e.comment === undefined)
        if (i >= 0) return events.splice(0, i + 1).pop()!
        const left = deadline - Date.now()
        if (done || left <= 0) return null
        await pull(left)
      }
    },
    /** Message events until `count` are read (or the time is up). */
    async messages(count: number, timeoutMs = 5000): Promise<any[]> {
      const out: any[] = []
      const deadline = Date.now() + timeoutMs
      while (out.length < count && Date.now() < deadline) {
        const e = await this.next({ timeoutMs: deadline - Date.now() })
        if (!e) break
        if (e.event === 'message') out.push(e.data)
      }
      return out
    },
    close: () => reader.cancel(),
  }
}

function parseBlock(block: string): SseEvent {
  const e: SseEvent = {}
  const data: string[] = []
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) e.comment = line.slice(1).trim()
    else if (line.startsWith('event: ')) e.event = line.slice(7)
    else if (line.startsWith('id: ')) e.id = line.slice(4)
    else if (line.startsWith('data: ')) data.push(line.slice(6))
  }
  if (data.length) e.data = JSON.parse(data.join('\n'))
  return e
}
