/**
 * The app a channel driver talks to: the runtime's services with the channel's settings
 * added (the driver only learns the fake platform's address when it starts it), the
 * modules a customer journey needs, prepared and mounted, on a free local port, with job
 * workers running so the outbox delivers. stop() closes this server only — the runtime
 * belongs to the test that made it.
 */
import { createServer } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import type { Services } from '../../../bot/context.ts'
import { conversationsModule } from '../../../bot/conversations/module.ts'
import { createApp, type AppModule } from '../../../bot/http/app.ts'
import type { Runtime } from '../../../bot/runtime.ts'
import { ticketsModule } from '../../../bot/tickets/module.ts'
import { knowledgeModule } from '../../../knowledge/module.ts'
import type { Config } from '../../../bot/config.ts'

export interface ChannelApp {
  url: string
  services: Services
  stop(): Promise<void>
}

/** A port nobody listens on right now (for servers that cannot be told to pick one). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

export async function serveChannelApp(rt: Runtime, channel: AppModule, settings: Partial<Config>): Promise<ChannelApp> {
  const services: Services = { ...rt, config: { ...rt.config, ...settings } }
  const modules = [knowledgeModule, conversationsModule, ticketsModule, channel]
  for (const m of modules) await m.prepare?.(services)
  const app = createApp(services, modules)
  await rt.jobs.start()
  const server = await new Promise<ServerType>((resolve) => {
    const s: ServerType = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    services,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        ;(server as any).closeAllConnections?.()
      }),
  }
}
