// The chat client's side of the wire: the visitor token (kept in localStorage), sending
// with retries under one message id, the history, and the event stream that follows the
// visitor's conversation across drops and across a closed-and-new conversation.
const TOKEN_KEY = 'kefu.webchat.token'
const RETRY_DELAYS = [1000, 2000, 4000, 8000, 15000]

// Private browsing or a blocked third-party iframe can refuse storage: keep the token in memory then.
const storage = (() => {
  try {
    localStorage.setItem('kefu.probe', '1')
    localStorage.removeItem('kefu.probe')
    return localStorage
  } catch {
    const m = new Map()
    return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) }
  }
})()

/** A v4 uuid; crypto.randomUUID exists only on HTTPS and localhost. */
export function newId() {
  if (crypto.randomUUID) return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

export function createConnection({ api, lang, onMessage, onState, onStatus }) {
  let token = storage.getItem(TOKEN_KEY)
  let source = null
  let conversationId = null
  let lastId = 0 // the newest message id seen from history or the stream (POST replies do not count)
  let reopenTimer = null
  let failures = 0

  // Never send cookies: visitors have none, and a staff cookie would only trip the CSRF check.
  const call = (path, init = {}) =>
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
    token = (await res.json()).token
    storage.setItem(TOKEN_KEY, token)
  }

  const seen = (m) => {
    if (m.id > lastId) lastId = m.id
    onMessage(m)
  }

  async function history() {
    const res = await call('/history')
    if (res.status === 401) return session().then(history)
    if (!res.ok) throw new Error(`history ${res.status}`)
    const body = await res.json()
    conversationId = body.conversationId
    body.messages.forEach(seen)
    onStatus(body.status)
  }

  function openStream() {
    clearTimeout(reopenTimer)
    source?.close()
    source = new EventSource(`${api}/stream?token=${encodeURIComponent(token)}&after=${lastId}`)
    source.addEventListener('ready', (e) => {
      failures = 0
      const ready = JSON.parse(e.data)
      conversationId = ready.conversationId
      onStatus(ready.status)
      onState('connected')
    })
    source.addEventListener('message', (e) => seen(JSON.parse(e.data)))
    source.addEventListener('status', (e) => {
      const { status } = JSON.parse(e.data)
      onStatus(status)
      // The conversation ended; the next one starts when the visitor writes again.
      if (status === 'closed') reopen(0)
    })
    source.onerror = () => {
      onState('reconnecting')
      // EventSource retries by itself unless the server refused it (e.g. an expired token).
      if (source.readyState === EventSource.CLOSED) reopen(Math.min(1000 * 2 ** failures++, 15000), true)
    }
  }

  function reopen(delay, refresh = false) {
    source?.close()
    clearTimeout(reopenTimer)
    reopenTimer = setTimeout(async () => {
      try {
        if (refresh) await session()
        openStream()
      } catch {
        reopen(Math.min(1000 * 2 ** failures++, 15000), refresh)
      }
    }, delay)
  }

  /**
   * Send one message; network failures and server errors are retried with the same id,
   * which the server de-duplicates. Resolves {ok, body} or {ok: false, error}.
   */
  async function send(id, text, payload) {
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
          const error = (await res.json().catch(() => ({}))).error ?? {}
          return { ok: false, error: { ...error, retryAfter: Number(res.headers.get('retry-after')) || 0 } }
        }
      } catch {
        /* offline or dropped: retry below */
      }
      if (attempt >= RETRY_DELAYS.length) return { ok: false, error: { code: 'network' } }
      await sleep(RETRY_DELAYS[attempt])
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
        await sleep(RETRY_DELAYS[Math.min(attempt, RETRY_DELAYS.length - 1)])
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
  addEventListener('online', () => source && reopen(0))
  return { start, send }
}
