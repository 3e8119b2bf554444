/**
 * Simulated web-chat customers: each has a visitor token and an open event stream, and
 * notes the moment each bot reply is pushed to it (by message id).
 */
export interface Visitor {
  token: string
  visitorId: string
  pushedAt: Map<number, number>
  close(): void
}

/**
 * A request that a loaded machine may drop (a reset keep-alive socket): tried again, up to
 * three times, so opening 200 visitors at once does not end the run.
 */
async function fetchRetried(url: string, init: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init)
    } catch (err) {
      if (attempt >= 3) throw err
      await new Promise((r) => setTimeout(r, 200 * attempt))
    }
  }
}

/** `pick`: the server for each request (one, or a replica at random). */
export async function openVisitor(pick: () => string): Promise<Visitor> {
  const s = await fetchRetried(`${pick()}/webchat/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
  if (!s.ok) throw new Error(`session: ${s.status} ${await s.text()}`)
  const { token, visitorId } = (await s.json()) as { token: string; visitorId: string }
  // Say hello first, so the stream below follows an existing conversation from the start.
  await fetchRetried(`${pick()}/webchat/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ id: crypto.randomUUID(), text: '你好' }),
  })
  const pushedAt = new Map<number, number>()
  const abort = new AbortController()
  const res = await fetchRetried(`${pick()}/webchat/api/stream?token=${encodeURIComponent(token)}`, {
    signal: abort.signal,
    headers: { accept: 'text/event-stream' },
  })
  if (!res.ok || !res.body) throw new Error(`stream: ${res.status}`)
  void readEvents(res.body, (event, id) => {
    if (event === 'message' && id) pushedAt.set(Number(id), performance.now())
  }).catch(() => {})
  return { token, visitorId, pushedAt, close: () => abort.abort() }
}

/** Minimal SSE reader: we only need each event's name and id. */
async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (event: string, id: string | null) => void) {
  const decoder = new TextDecoder()
  let buf = ''
  for await (const chunk of body as any as AsyncIterable<Uint8Array>) {
    buf += decoder.decode(chunk, { stream: true })
    let end: number
    while ((end = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, end)
      buf = buf.slice(end + 2)
      let event = 'message'
      let id: string | null = null
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim()
        else if (line.startsWith('id:')) id = line.slice(3).trim()
      }
      onEvent(event, id)
    }
  }
}
