/**
 * What every domain verb receives: the services it may use and who is acting.
 * Transports (routes, adapters, jobs, CLI) build a Ctx and call verbs; verbs never reach
 * for globals.
 */
import type { Logger } from 'pino'
import type { Config } from './config.ts'
import type { Db } from './db/client.ts'
import type { Jobs } from './jobs/types.ts'
import type { Clock } from './clock.ts'
import type { Bus } from './events/bus.ts'
import type { Buckets } from './limits/index.ts'
import type { Senders } from './channels/senders.ts'

export const ROLES = ['admin', 'supervisor', 'agent'] as const
export type Role = (typeof ROLES)[number]

export type Actor =
  | { type: 'user'; id: number; username: string; role: Role }
  | { type: 'apiToken'; id: number; name: string; role: Role }
  /** The customer's own id (customers.id), the same whichever channel they write on. */
  | { type: 'customer'; id: string }
  | { type: 'system'; name: string }

export interface Services {
  config: Config
  db: Db
  jobs: Jobs
  log: Logger
  clock: Clock
  bus: Bus
  /** Rate-limit buckets (in Redis when configured, so replicas share them). */
  limits: Buckets
  /** How push channels send (each adapter module registers its own). */
  senders: Senders
}

export interface Ctx extends Services {
  actor: Actor
}

export function withActor(services: Services, actor: Actor): Ctx {
  return { ...services, actor }
}

export function systemCtx(services: Services, name = 'system'): Ctx {
  return withActor(services, { type: 'system', name })
}

/** A short stable string for audit rows and "changed by" columns. */
export function actorLabel(actor: Actor): string {
  switch (actor.type) {
    case 'user':
      return `user:${actor.username}`
    case 'apiToken':
      return `token:${actor.name}`
    case 'customer':
      return `customer:${actor.id}`
    case 'system':
      return `system:${actor.name}`
  }
}
