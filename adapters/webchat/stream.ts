/**
 * The visitor's event stream (server-sent events). On connect: a `ready` event naming the
 * open conversation, then every public message after the one the client last saw
 * (Last-Event-ID, or ?after=) from the database, then live messages from the bus. Each
 * message event carries `id:` = message id, so EventSource resumes where it stopped.
 * The stream follows the visitor, not one conversation: it replays their recent
 * conversations and hears every public message of theirs on the web chat (the bus topic
 * customer:<id>:webchat), so when a conversation closes and the survey or a ticket update
 * opens the next one, it still arrives in the chat they have open.
 */
import type { Context } from 'hono'
import { streamSSE, type SSEStreamingApi } from 'hono/streaming'
import { customerTopic, type BusEvent } from '../../bot/events/bus.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import type { WebchatConfig } from './config.ts'
import { visibleMessagesOf, withClientIds, type WidgetMessage } from './outbound.ts'
import { visitorThread } from './queries.ts'

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
    const offs: (() => void)[] = []
    let offStatus = () => {}
    stream.onAbort(() => {
      ended = true
      wake?.()
    })
    const push = (e: BusEvent) => (queue.push(e), wake?.())
    try {
      const thread = await visitorThread(db, visitorId)
      // The conversation whose status the visitor sees: the open one, else the last one.
      let current = thread.open ?? thread.latest
      const follow = (id: number) => {
        offStatus()
        // Only its status: messages come from the customer's topic, whichever conversation they are in.
        offStatus = bus.subscribe(`conversation:${id}`, (e) => e.type === 'status' && push(e))
      }
      // Subscribe before reading the database, so nothing falls between the replay and the live events.
      if (thread.customerId) offs.push(bus.subscribe(customerTopic(thread.customerId, 'webchat'), push))
      if (current) follow(current.id)
      await stream.writeSSE({
        event: 'ready',
        data: JSON.stringify({ conversationId: thread.open?.id ?? null, status: thread.open?.status ?? null }),
        retry: cfg.retryMs,
      })
      // Ids already sent: commits can arrive out of id order, so "greater than the last" would drop some.
      const sent = new Set<number>()
      let status = current?.status ?? null
      const tellStatus = async (next: typeof status) => {
        if (next === status) return
        status = next
        await stream.writeSSE({ event: 'status', data: JSON.stringify({ status: next }) })
      }
      const send = async (m: WidgetMessage) => {
        if (sent.has(m.id)) return
        sent.add(m.id)
        await stream.writeSSE({ event: 'message', id: String(m.id), data: JSON.stringify(m) })
      }
      for (const m of await visibleMessagesOf(db, thread.conversationIds, afterId)) await send(m)
      while (!ended && !stream.aborted) {
        const event = queue.shift()
        if (!event) {
          if (!(await nextEvent(cfg.keepAliveMs, (w) => (wake = w)))) await keepAlive(stream)
          continue
        }
        if (event.type === 'message') {
          // A message in the next conversation (a survey after a closed chat, a ticket update):
          // the stream follows it, and the visitor hears that conversation's status.
          if (event.message.conversationId !== current?.id) {
            current = (await visitorThread(db, visitorId)).latest
            if (current) follow(current.id)
            await tellStatus(current?.status ?? null)
          }
          for (const m of await withClientIds(db, [event.message])) await send(m)
        } else if (event.type === 'status') {
          // Staff actions announce the status every time; the visitor hears only changes. A
          // closed conversation keeps the stream open: what comes after it (the survey) arrives live.
          await tellStatus(event.status)
        }
      }
    } catch (err) {
      // The client reconnects and resumes from its last message; the error text stays here.
      c.get('log').warn({ err }, 'web chat stream failed')
    } finally {
      offStatus()
      for (const off of offs) off()
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
