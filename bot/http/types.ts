/** The variables every request carries through the Hono context. */
import type { Logger } from 'pino'
import type { Actor, Role, Services } from '../context.ts'

export interface StaffSession {
  userId: number
  csrfToken: string
  locale: 'zh' | 'en'
  displayName: string
}

/** A link in the staff navigation; modules contribute theirs (AppModule.nav). */
export interface NavEntry {
  href: string
  labelKey: string
  minRole: Role
  order: number
}

export interface AppEnv {
  Variables: {
    requestId: string
    log: Logger
    services: Services
    actor: Actor | null
    session: StaffSession | null
    locale: 'zh' | 'en'
    /** This app's navigation, from its modules, in order. */
    nav: readonly NavEntry[]
    /** Set by allowFraming (securityHeaders.ts): this page may be framed by other sites. */
    frameable?: boolean
  }
}
