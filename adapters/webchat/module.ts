/**
 * The web chat channel as an app module: the chat page at `/`, the embed script at
 * /webchat/widget.js, the built browser files (assets.ts), and the visitor API under /webchat/api.
 */
import type { AppModule } from '../../bot/http/app.ts'
import { serveClientAssets } from '../../bot/http/clientAssets/serve.ts'
import { embedScript, webchatAssets } from './assets.ts'
import { parseWebchatConfig, type WebchatConfig } from './config.ts'
import { chatPages } from './page.tsx'
import { webchatRoutes } from './routes.ts'
import { describeRoute } from '../../bot/http/api.ts'

export function createWebchatModule(options: Partial<WebchatConfig> = {}): AppModule {
  const cfg = parseWebchatConfig(options)
  return {
    name: 'webchat',
    mount(app, services) {
      serveClientAssets(app, '/webchat/assets/', webchatAssets)
      // Other sites load this one: it must be fetchable cross-origin and pick up fixes soon.
      const script = embedScript().file('widget.js')!
      describeRoute(app, {
        method: 'get',
        path: '/webchat/widget.js',
        role: 'public',
        summary: "The web chat's embed script for other sites",
        tag: 'webchat',
        produces: 'application/javascript',
      })
      app.get('/webchat/widget.js', (c) => {
        c.header('Content-Type', script.type)
        c.header('Cache-Control', 'public, max-age=300')
        c.header('Access-Control-Allow-Origin', '*')
        return c.body(script.body as Uint8Array<ArrayBuffer>)
      })
      chatPages(app, cfg)
      webchatRoutes(app, services, cfg)
    },
  }
}

export const webchatModule: AppModule = createWebchatModule()
