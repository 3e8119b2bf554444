/**
 * Live events for open screens (web chat, agent console): in-process, or relayed through
 * Redis pub/sub when REDIS_URL is set so every server instance sees every event.
 * Events are notifications only; the database holds the truth, and a client that
 * reconnects asks for what it missed.
 */
import { EventEmitter } from 'node:events'
import { Redis } from 'ioredis'
import type { Logger } from 'pino'
import type { MessageRow } from '../conversations/rows.ts'
import type { ConversationStatus } from '../conversations/types.ts'
import type { Presence } from '../handoff/presence.ts'
import type { RequeueReason } from '../handoff/routing.ts'

/** Every event a screen may hear, by `type`: a closed union, so a publisher and its listeners agree. */
export type BusEvent =
  /** conversation:<id> — a message was stored (also private notes: the console filters by role);
   *  customer:<customer id>:<channel> — a public one, in any of that customer's conversations there. */
  | { type: 'message'; message: MessageRow }
  /** conversation:<id> and inbox — who has it now. */
  | { type: 'status'; conversationId?: number; status: ConversationStatus; assigneeId: number | null }
  /** conversation:<id> — a push channel gave up on a reply. */
  | { type: 'delivery_failed'; messageId: number; error: string }
  /** conversation:<id> — agent assist wrote something for this conversation (a model hand-off summary): re-read it. */
  | { type: 'assist'; conversationId: number }
  /** inbox — something happened in this conversation: re-read the row. */
  | { type: 'activity'; conversationId: number }
  | { type: 'presence'; userId: number; status: Presence }
  /** inbox — a chat left an agent who is not there (offline, or did not answer a transfer) and waits again. */
  | { type: 'requeued'; conversationId: number; fromAgentId: number; reason: RequeueReason }
  /** agent:<id> — a ticket needs this person. */
  | { type: 'notification'; kind: string; ticketId: number }
  /** settings — an admin saved run-time settings: every instance reads them again (bot/settings.ts). */
  | { type: 'settings' }
  /** Carries nothing: lets a new subscriber find out when relayed events reach it. */
  | { type: 'ping' }
export type BusEventType = BusEvent['type']

/** `customer:<id>:<channel>` lets a customer's own screen (the web chat) follow them from one conversation to the next. */
export type Topic = `conversation:${number}` | 'inbox' | `agent:${number}` | `customer:${string}` | 'settings'
export const customerTopic = (customerId: string, channel: string): Topic => `customer:${customerId}:${channel}`

export interface Bus {
  publish(topic: Topic, event: BusEvent): Promise<void>
  subscribe(topic: Topic, handler: (event: BusEvent) => void): () => void
  close(): Promise<void>
}

export class LocalBus implements Bus {
  protected readonly emitter = new EventEmitter().setMaxListeners(0)
  async publish(topic: Topic, event: BusEvent) {
    this.emitter.emit(topic, event)
  }
  subscribe(topic: Topic, handler: (event: BusEvent) => void) {
    this.emitter.on(topic, handler)
    return () => void this.emitter.off(topic, handler)
  }
  async close() {
    this.emitter.removeAllListeners()
  }
}

export class RedisBus extends LocalBus {
  private readonly pub: Redis
  private readonly sub: Redis
  constructor(
    url: string,
    private readonly prefix: string,
    log: Logger,
  ) {
    super()
    // Publishing must not wait for a lost Redis (replies waited 20–30 s behind it): with no
    // offline queue and a short command timeout it fails at once and the local screens still get it.
    this.pub = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 500 })
    this.sub = new Redis(url, { maxRetriesPerRequest: null })
    for (const c of [this.pub, this.sub]) c.on('error', (err) => log.debug({ err: err.message }, 'event bus redis error'))
    void this.sub.psubscribe(`${prefix}:bus:*`)
    this.sub.on('pmessage', (_p, channel, message) => {
      try {
        this.emitter.emit(channel.slice(`${prefix}:bus:`.length), JSON.parse(message))
      } catch {
        /* a malformed message from another process is ignored */
      }
    })
  }
  override async publish(topic: Topic, event: BusEvent) {
    // Without Redis the local screens still get the event; the others catch up on reconnect.
    await this.pub.publish(`${this.prefix}:bus:${topic}`, JSON.stringify(event)).catch(() => super.publish(topic, event))
  }
  override async close() {
    await super.close()
    this.pub.disconnect()
    this.sub.disconnect()
  }
}
