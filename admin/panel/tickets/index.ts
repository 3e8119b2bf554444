/** The ticket console's pages (their script is the staff build's tickets.js). */
import type { Hono } from 'hono'
import type { AppEnv } from '../../../bot/http/types.ts'
import { ticketDetailPage } from './detailPage.tsx'
import { ticketListPage } from './listPage.tsx'

export function ticketPages(app: Hono<AppEnv>) {
  ticketListPage(app)
  ticketDetailPage(app)
}
