/**
 * LISTEN for a PostgreSQL pool: one connection of its own, opened on the first listen(),
 * reopened a second after it is lost. Whoever listens is signalled once each channel is
 * listened on (again): notifications sent while the connection was down are gone, so a
 * cache must re-read then. Until then its Listening says not live.
 */
import pg from 'pg'
import type { Logger } from 'pino'
import type { Listening } from './client.ts'

const RETRY_MS = 1000
const CHANNEL = /^[a-z_][a-z0-9_]*$/

export interface Listener {
  listen(channel: string, onSignal: () => void): Listening
  close(): Promise<void>
}

export function pgListener(config: pg.ClientConfig, log?: Pick<Logger, 'warn'>): Listener {
  const handlers = new Map<string, Set<() => void>>()
  /** Channels the current connection listens on. */
  let listening = new Set<string>()
  let client: pg.Client | null = null
  let retry: NodeJS.Timeout | undefined
  let closed = false

  const signal = (channel: string) => {
    for (const fn of handlers.get(channel) ?? []) fn()
  }

  const lost = (c: pg.Client, err?: unknown) => {
    if (client !== c) return
    client = null
    listening = new Set()
    c.end().catch(() => {})
    if (closed) return
    log?.warn({ err: err instanceof Error ? err.message : err }, 'database listening connection lost; reconnecting')
    retry = setTimeout(start, RETRY_MS)
    retry.unref()
  }

  const listenOn = async (c: pg.Client, channel: string) => {
    await c.query(`listen ${channel}`)
    if (client !== c) return
    listening.add(channel)
    signal(channel)
  }

  function start(): void {
    if (closed || client) return
    const c = new pg.Client({ ...config, keepAlive: true })
    client = c
    c.on('notification', (msg) => signal(msg.channel))
    c.on('error', (err) => lost(c, err))
    c.on('end', () => lost(c, 'ended'))
    void (async () => {
      try {
        await c.connect()
        for (const channel of handlers.keys()) await listenOn(c, channel)
      } catch (err) {
        lost(c, err)
      }
    })()
  }

  return {
    listen(channel, onSignal) {
      if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`)
      const known = handlers.get(channel)
      handlers.set(channel, (known ?? new Set()).add(onSignal))
      if (!client) start()
      else if (!known) {
        const c = client
        // Connected already, or connecting (pg queues the query; listening twice is harmless).
        void listenOn(c, channel).catch((err) => lost(c, err))
      }
      return {
        get live() {
          return listening.has(channel)
        },
      }
    },
    async close() {
      closed = true
      clearTimeout(retry)
      const c = client
      client = null
      listening = new Set()
      await c?.end().catch(() => {})
    },
  }
}
