/**
 * GET /api/v1/console/stream — server-sent events for an open console: the inbox topic
 * (status changes, new activity, presence), the agent's own topic, and with
 * ?conversation=ID that conversation's messages and status. The bus relays through
 * Redis when REDIS_URL is set, so an event raised on any instance reaches every console.
 *
 * Events are hints, not the record: each connection starts with a `ready` event, and the
 * page re-fetches what it shows on every `ready`, so nothing is lost across a reconnect.
 */
import type { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { BusEvent, Topic } from '../../bot/events/bus.ts'
import { requireRole } from '../../bot/http/auth.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import { conversationId } from './conversationRoutes.ts'
import { withActor } from '../../bot/context.ts'
import { readConversation } from '../../bot/conversations/store.ts'
import { mustRead } from '../../bot/handoff/access.ts'
import { describeRoute } from '../../bot/http/api.ts'

/** Proxies drop connections that stay silent for about a minute; a comment line keeps them open. */
export const KEEP_ALIVE_MS = 15_000

export function streamRoute(app: Hono<AppEnv>) {
  describeRoute(app, {
    method: 'get',
    path: '/api/v1/console/stream',
    role: 'agent',
    summary: "The agent console's live events (server-sent events)",
    tag: 'console',
    produces: 'text/event-stream',
  })
  app.get('/api/v1/console/stream', requireRole('agent'), async (c) => {
    const bus = c.get('services').bus
    const actor = c.get('actor')!
    const conv = c.req.query('conversation') ? conversationId({ id: c.req.query('conversation')! }) : null
    if (conv) {
      const ctx = withActor(c.get('services'), actor)
      const row = await readConversation(ctx.db, conv)
      if (row) await mustRead(ctx, row) // the live view of a chat is a read like any other
    }
    const topics: [Topic, string][] = [['inbox', 'inbox']]
    if (actor.type === 'user') topics.push([`agent:${actor.id}`, 'agent'])
    if (conv) topics.push([`conversation:${conv}`, 'conversation'])
    c.header('X-Accel-Buffering', 'no') // nginx: pass events through as they come

    return streamSSE(c, async (stream) => {
      // Writes wait for the reader; a chain keeps events in order without blocking the bus.
      let chain: Promise<unknown> = Promise.resolve()
      const send = (event: string, data: unknown) => {
        chain = chain.then(() => stream.writeSSE({ event, data: JSON.stringify(data) })).catch(() => {})
      }
      const offs = topics.map(([topic, name]) => bus.subscribe(topic, (e: BusEvent) => send(name, e)))
      const alive = setInterval(() => (chain = chain.then(() => stream.write(': keep-alive\n\n'))), KEEP_ALIVE_MS)
      send('ready', { conversationId: conv })
      await new Promise<void>((resolve) => stream.onAbort(resolve))
      clearInterval(alive)
      for (const off of offs) off()
    })
  })
}
