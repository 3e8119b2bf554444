/**
 * Serve the app over HTTP with graceful shutdown: on SIGTERM stop accepting connections,
 * let in-flight requests and jobs finish (bounded by SHUTDOWN_TIMEOUT_MS), close pools.
 */
import type { IncomingMessage } from 'node:http'
import { serve, type ServerType } from '@hono/node-server'
import type { Hono } from 'hono'
import type { AppEnv } from './http/types.ts'
import type { Runtime } from './runtime.ts'

export interface RunningServer {
  port: number
  stop(): Promise<void>
}

export function listen(app: Hono<AppEnv>, runtime: Runtime, opts: { port: number; host: string }): Promise<RunningServer> {
  return new Promise((resolve) => {
    // Event streams (console, web chat) never finish by themselves: on stop they are cut,
    // and the browsers' EventSource reconnects to another instance.
    const streams = new Set<IncomingMessage>()
    const server: ServerType = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host }, (info) => {
      let stopping: Promise<void> | null = null
      const stop = () => {
        stopping ??= (async () => {
          await new Promise<void>((done) => {
            server.close(() => done()) // waits for in-flight requests
            ;(server as any).closeIdleConnections?.()
            for (const req of streams) req.socket.destroy()
          })
          await runtime.close()
        })()
        return stopping
      }
      resolve({ port: info.port, stop })
    })
    server.on('request', (req: IncomingMessage) => {
      if (!req.headers.accept?.includes('text/event-stream')) return
      streams.add(req)
      req.socket.once('close', () => streams.delete(req))
    })
  })
}

/** Wire SIGTERM/SIGINT to a graceful stop, with a hard deadline. */
export function stopOnSignals(stop: () => Promise<void>, runtime: Runtime): void {
  let once = false
  const handler = (signal: string) => {
    if (once) return
    once = true
    runtime.log.info({ signal }, 'shutting down: no new requests, finishing in-flight work')
    const deadline = setTimeout(() => {
      runtime.log.error('shutdown took too long; exiting')
      process.exit(1)
    }, runtime.config.SHUTDOWN_TIMEOUT_MS)
    deadline.unref()
    stop().then(
      () => {
        runtime.log.info('stopped cleanly')
        process.exit(0)
      },
      (err) => {
        runtime.log.error({ err }, 'error during shutdown')
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', handler)
  process.once('SIGINT', handler)
}
