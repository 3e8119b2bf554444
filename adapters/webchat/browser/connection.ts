// The chat client's side of the wire: the visitor token, sending with retries under one
// message id, the history, and the event stream that follows the visitor across drops and
// from a closed conversation into the next one.
import { storage } from './storage.ts'
import type { ConversationStatus, SendResult, WidgetMessage } from './types.ts'

const TOKEN_KEY = 'kefu.webchat.token'
const RETRY_DELAYS = [1000, 2000, 4000, 8000, 15000]

// Waits that end early when the connection is back (the stream is ready again, the browser
// is online): a message kept during an outage goes at once, not at the next back-off step.
const sleeping = new Set<() => void>()
const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer)
      sleeping.delete(done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    sleeping.add(done)
  })
const wakeUp = () => {
  for (const done of [...sleeping]) done()
}
const backoff = (failures: number) => Math.min(1000 * 2 ** failures, 15000)

export interface ConnectionEvents {
  api: string
  lang: string
  onMessage(m: WidgetMessage): void
  onState(state: 'connecting' | 'reconnecting' | 'connected'): void
  onStatus(status: ConversationStatus): void
}

export function createConnection({ api, lang, onMessage, onState, onStatus }: ConnectionEvents) {
  let token = storage.getItem(TOKEN_KEY)
  let source: EventSource | null = null
  let conversationId: number | null = null
  let lastId = 0 // the newest message id seen from history or the stream (POST replies do not count)
  let reopenTimer: ReturnType<typeof setTimeout> | undefined
  let failures = 0

  // Never send cookies: visitors have none, and a staff cookie would only trip the CSRF check.
  const call = (path: string, init: RequestInit = {}) =>
    fetch(api + path, {
      ...init,
      credentials: 'omit',
      headers: { 'content-type': 'application/json', 'accept-language': lang, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    })

  /** Refresh the stored token (same visitor); a rejected one means starting as a new visitor. */
  async function session() {
    let res = token ? await call('/session', { method: 'POST' }) : null
    if (!res || res.status === 401) {
      token = null
      res = await call('/session', { method: 'POST' })
    }
    if (!res.ok) throw new Error(`session ${res.status}`)
    token = ((await res.json()) as { token: string }).token
    storage.setItem(TOKEN_KEY, token)
  }

  const seen = (m: WidgetMessage) => {
    if (m.id > lastId) lastId = m.id
    onMessage(m)
  }

  async function history(): Promise<void> {
    const res = await call('/history')
    if (res.status === 401) return session().then(history)
    if (!res.ok) throw new Error(`history ${res.status}`)
    const body = (await res.json()) as { conversationId: number | null; status: ConversationStatus; messages: WidgetMessage[] }
    conversationId = body.conversationId
    body.messages.forEach(seen)
    onStatus(body.status)
  }

  const data = <T>(e: Event) => JSON.parse((e as MessageEvent<string>).data) as T

  function openStream() {
    clearTimeout(reopenTimer)
    source?.close()
    const es = new EventSource(`${api}/stream?token=${encodeURIComponent(token ?? '')}&after=${lastId}`)
    source = es
    es.addEventListener('ready', (e) => {
      failures = 0
      const ready = data<{ conversationId: number | null; status: ConversationStatus }>(e)
      conversationId = ready.conversationId
      onStatus(ready.status)
      wakeUp()
      onState('connected')
    })
    es.addEventListener('message', (e) => seen(data<WidgetMessage>(e)))
    es.addEventListener('status', (e) => {
      const { status } = data<{ status: ConversationStatus }>(e)
      // A closed conversation keeps the stream: it follows the visitor, so the survey that
      // comes after it, in the next conversation, arrives here too.
      onStatus(status)
    })
    es.onerror = () => {
      onState('reconnecting')
      // EventSource retries by itself unless the server refused it (e.g. an expired token).
      if (es.readyState === EventSource.CLOSED) reopen(backoff(failures++), true)
    }
  }

  function reopen(delay: number, refresh = false) {
    source?.close()
    clearTimeout(reopenTimer)
    reopenTimer = setTimeout(async () => {
      try {
        if (refresh) await session()
        openStream()
      } catch {
        reopen(backoff(failures++), refresh)
      }
    }, delay)
  }

  /**
   * Send one message; network failures and server errors are retried with the same id,
   * which the server de-duplicates.
   */
  async function send(id: string, text: string, payload?: string): Promise<SendResult> {
    const body = JSON.stringify(payload ? { id, text, payload } : { id, text })
    for (let attempt = 0; ; attempt++) {
      try {
        let res = await call('/messages', { method: 'POST', body })
        if (res.status === 401) {
          await session()
          res = await call('/messages', { method: 'POST', body })
        }
        if (res.ok) {
          const out = await res.json()
          if (out.conversationId !== conversationId) openStream() // a new conversation: follow it
          return { ok: true, body: out }
        }
        // A refusal (400, 429 "too fast") is the server's answer, not a failure to retry:
        // resending at once would only be refused again.
        if (res.status < 500) {
          const error = ((await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } }).error ?? {}
          return { ok: false, error: { ...error, retryAfter: Number(res.headers.get('retry-after')) || 0 } }
        }
      } catch {
        /* offline or dropped: retry below */
      }
      const delay = RETRY_DELAYS[attempt]
      if (delay === undefined) return { ok: false, error: { code: 'network', retryAfter: 0 } }
      await sleep(delay)
    }
  }

  async function start() {
    onState('connecting')
    for (let attempt = 0; ; attempt++) {
      try {
        await session()
        await history()
        openStream()
        return
      } catch {
        onState('reconnecting')
        await sleep(RETRY_DELAYS[Math.min(attempt, RETRY_DELAYS.length - 1)]!)
      }
    }
  }

  // A phone that changes networks can keep a dead connection open for minutes: drop it at
  // once, and resume from the last message seen when the network is back.
  addEventListener('offline', () => {
    if (!source) return
    source.close()
    onState('reconnecting')
  })
  addEventListener('online', () => {
    wakeUp()
    if (source) reopen(0)
  })
  /** A stored file's URL with the visitor's token: an <img> cannot send the Authorization header. */
  const fileUrl = (url: string) => `${url}?token=${encodeURIComponent(token ?? '')}`

  return { start, send, fileUrl }
}
