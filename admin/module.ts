/** The staff web UI as an app module: static assets and the shell's pages. */
import { readFileSync } from 'node:fs'
import type { AppModule } from '../bot/http/app.ts'
import { HOME_NAV } from './ui/nav.ts'
import { shellPages } from './ui/pages.tsx'

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url))
const ASSETS: Record<string, { type: string; body: Buffer }> = {
  'app.css': { type: 'text/css; charset=utf-8', body: asset('app.css') },
  'app.js': { type: 'text/javascript; charset=utf-8', body: asset('app.js') },
  'console.css': { type: 'text/css; charset=utf-8', body: asset('console.css') },
  'console.js': { type: 'text/javascript; charset=utf-8', body: asset('console.js') },
  'console-view.js': { type: 'text/javascript; charset=utf-8', body: asset('console-view.js') },
}

export const adminModule: AppModule = {
  name: 'admin',
  nav: [HOME_NAV],
  mount(app, services) {
    app.get('/assets/:name', (c) => {
      const a = ASSETS[c.req.param('name')]
      if (!a) return c.notFound()
      c.header('Content-Type', a.type)
      c.header('Cache-Control', 'public, max-age=300')
      return c.body(new Uint8Array(a.body))
    })
    shellPages(app, services)
  },
}
