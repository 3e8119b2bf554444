/**
 * The web chat channel as an app module: the chat page at `/`, the embed script at
 * /webchat/widget.js, the client assets, and the visitor API under /webchat/api.
 */
import { readFileSync } from 'node:fs'
import type { AppModule } from '../../bot/http/app.ts'
import { parseWebchatConfig, type WebchatConfig } from './config.ts'
import { chatPages } from './page.tsx'
import { webchatRoutes } from './routes.ts'

const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' }
// Read once at start: the client files are small and never change while the server runs.
const load = (name: string) => ({ type: TYPES[name.split('.').pop()!]!, body: new Uint8Array(readFileSync(new URL(`./assets/${name}`, import.meta.url))) })
const ASSETS = Object.fromEntries(['chat.js', 'connection.js', 'render.js', 'chat.css', 'widget.js'].map((n) => [n, load(n)]))

export function createWebchatModule(options: Partial<WebchatConfig> = {}): AppModule {
  const cfg = parseWebchatConfig(options)
  return {
    name: 'webchat',
    mount(app, services) {
      app.get('/webchat/assets/:name', (c) => {
        const a = ASSETS[c.req.param('name')]
        if (!a || c.req.param('name') === 'widget.js') return c.notFound()
        c.header('Content-Type', a.type)
        c.header('Cache-Control', 'public, max-age=300')
        return c.body(a.body)
      })
      // Other sites load this one: it must be fetchable cross-origin and pick up fixes soon.
      app.get('/webchat/widget.js', (c) => {
        c.header('Content-Type', ASSETS['widget.js']!.type)
        c.header('Cache-Control', 'public, max-age=300')
        c.header('Access-Control-Allow-Origin', '*')
        return c.body(ASSETS['widget.js']!.body)
      })
      chatPages(app, cfg)
      webchatRoutes(app, services, cfg)
    },
  }
}

export const webchatModule: AppModule = createWebchatModule()
