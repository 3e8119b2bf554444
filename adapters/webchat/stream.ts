/**
 * The visitor's event stream (server-sent events). On connect: a `ready` event naming the
 * open conversation, then every public message after the one the client last saw
 * (Last-Event-ID, or ?after=) from the database, then live messages from the bus. Each
 * message event carries `id:` = message id, so EventSource resumes where it stopped.
 * When the conversation closes the stream says so and ends; the client re-opens it and
 * follows the next conversation.
 */
import type { Context } from 'hono'
import { streamSSE, type SSEStreamingApi } from 'hono/streaming'
import type { BusEvent } from '../../bot/events/bus.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import type { WebchatConfig } from './config.ts'
import { visibleMessages, withClientIds, type WidgetMessage } from './outbound.ts'
import { openConversationOf } from './queries.ts'

/** Last-Event-ID wins over ?after=: it is what EventSource sends on its own reconnects. */
export function resumeAfter(lastEventId: string | undefined, after: string | undefined): number {
  for (const v of [lastEventId, after]) {
    if (v && /^\d{1,15}$/.test(v.trim())) return Number(v)
  }
  return 0
}

export function visitorStream(c: Context<AppEnv>, cfg: WebchatConfig, visitorId: string, afterId: number): Response {
  const { db, bus } = c.get('services')
  return streamSSE(c, async (stream) => {
    const queue: BusEvent[] = []
    let wake: (() => void) | null = null
    let ended = false
    let unsubscribe = () => {}
    stream.onAbort(() => {
      ended = true
      wake?.()
    })
    try {
      const conv = await openConversationOf(db, visitorId)
      // Subscribe before reading the database, so nothing falls between the replay and the live events.
      if (conv) unsubscribe = bus.subscribe(`conversation:${conv.id}`, (e) => (queue.push(e), wake?.()))
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ conversationId: conv?.id ?? null, status: conv?.status ?? null }), retry: cfg.retryMs })
      // Ids already sent: commits can arrive out of id order, so "greater than the last" would drop some.
      const sent = new Set<number>()
      let status = conv?.status ?? null
      const send = async (m: WidgetMessage) => {
        if (sent.has(m.id)) return
        sent.add(m.id)
        await stream.writeSSE({ event: 'message', id: String(m.id), data: JSON.stringify(m) })
      }
      if (conv) for (const m of await visibleMessages(db, conv.id, afterId)) await send(m)
      while (!ended && !stream.aborted) {
        const event = queue.shift()
        if (!event) {
          if (!(await nextEvent(cfg.keepAliveMs, (w) => (wake = w)))) await keepAlive(stream)
          continue
        }
        if (event.type === 'message') {
          for (const m of await withClientIds(db, [event.message])) await send(m)
        } else if (event.type === 'status' && event.status !== status) {
          // Staff actions announce the status every time; the visitor hears only changes.
          status = event.status
          await stream.writeSSE({ event: 'status', data: JSON.stringify({ status: event.status }) })
          if (event.status === 'closed') ended = true
        }
      }
    } catch (err) {
      // The client reconnects and resumes from its last message; the error text stays here.
      c.get('log').warn({ err }, 'web chat stream failed')
    } finally {
      unsubscribe()
    }
  })
}

/** Resolves true when an event (or the end) wakes it, false when the keep-alive interval passes first. */
function nextEvent(ms: number, setWake: (w: (() => void) | null) => void): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => (setWake(null), resolve(false)), ms)
    setWake(() => (clearTimeout(timer), setWake(null), resolve(true)))
  })
}

// An SSE comment: EventSource ignores it, proxies see traffic and keep the connection open.
const keepAlive = (stream: SSEStreamingApi) => stream.write(': keep-alive\n\n')
