/** The variables every request carries through the Hono context. */
import type { Logger } from 'pino'
import type { Actor, Services } from '../context.ts'

export interface StaffSession {
  userId: number
  csrfToken: string
  locale: 'zh' | 'en'
  displayName: string
}

export interface AppEnv {
  Variables: {
    requestId: string
    log: Logger
    services: Services
    actor: Actor | null
    session: StaffSession | null
    locale: 'zh' | 'en'
  }
}
