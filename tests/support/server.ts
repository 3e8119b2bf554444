/** A real HTTP server on a free port, on test services, for browser tests. */
import { createApp, type AppModule } from '../../bot/http/app.ts'
import { listen } from '../../bot/server.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { adminModule } from '../../admin/module.ts'

export async function serveForTest(rt: Runtime, modules: AppModule[] = [adminModule]) {
  const app = createApp(rt, modules)
  const server = await listen(app, rt, { port: 0, host: '127.0.0.1' })
  return { url: `http://127.0.0.1:${server.port}`, stop: server.stop }
}
