/** The ticket console's pages and their script (served at a fixed path, registered before the panel's asset route). */
import { readFileSync } from 'node:fs'
import type { Hono } from 'hono'
import type { AppEnv } from '../../../bot/http/types.ts'
import { ticketDetailPage } from './detailPage.tsx'
import { ticketListPage } from './listPage.tsx'

const script = readFileSync(new URL('../../assets/panel-tickets.js', import.meta.url))

export function ticketPages(app: Hono<AppEnv>) {
  app.get('/assets/panel/panel-tickets.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8')
    c.header('Cache-Control', 'public, max-age=300')
    return c.body(new Uint8Array(script))
  })
  ticketListPage(app)
  ticketDetailPage(app)
}
