/** Serves the panel's own stylesheet and scripts under /assets/panel/… (read once at start). */
import { readFileSync } from 'node:fs'
import type { Hono } from 'hono'
import type { AppEnv } from '../../bot/http/types.ts'

const NAMES = ['panel.css', 'panel.js', 'panel-edit.js', 'panel-save.js', 'panel-preview.js', 'panel-history.js', 'panel-try.js', 'panel-import.js', 'panel-settings.js', 'panel-taxonomy.js', 'panel-unanswered.js', 'panel-people.js', 'panel-bulk.js', 'panel-channels.js', 'panel-reports.css']
const TYPES: Record<string, string> = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' }

const files = new Map(
  NAMES.map((name) => [name, { type: TYPES[name.split('.').pop()!]!, body: readFileSync(new URL(`../assets/${name}`, import.meta.url)) }]),
)

export function panelAssets(app: Hono<AppEnv>) {
  app.get('/assets/panel/:name', (c) => {
    const f = files.get(c.req.param('name'))
    if (!f) return c.notFound()
    c.header('Content-Type', f.type)
    c.header('Cache-Control', 'public, max-age=300')
    return c.body(new Uint8Array(f.body))
  })
}
