/**
 * How a push channel sends: each adapter registers one sender. The bot never imports a
 * channel SDK; it hands an OutboundMessage (plus who it is for) to whichever sender
 * registered for the conversation's channel.
 */
import type { Channel, OutboundMessage } from '../conversations/types.ts'

export interface Delivery extends OutboundMessage {
  /** The customer's id on the channel (openid, Telegram user id…). */
  externalUserId: string | null
  /** When the customer last wrote (WeChat's 48-hour window). */
  lastCustomerMessageAt: Date | null
}

/**
 * The pieces of this delivery that went out already (stored with the message, so a retry,
 * a restart or a release after a hold resumes at the first unsent piece), and how a sender
 * hands over one more: `send` runs between a mark "piece N started" and its record, so a
 * crash during the platform call is known afterwards and that piece is not sent twice.
 */
export interface PieceProgress {
  /** The platform's id of each piece sent so far ('' where it returned none or the outcome is unknown). */
  readonly sent: readonly string[]
  /** Hand piece `index` (the next unsent one) to the platform; `send` returns its id. If it throws, the piece counts as not sent. */
  attempt(index: number, send: () => Promise<string>): Promise<void>
}

export interface ChannelSender {
  channel: Channel
  /** Send, returning the platform's message id(s). Throw HoldDelivery when it cannot be sent yet. */
  send(delivery: Delivery, progress: PieceProgress): Promise<{ platformMessageIds: string[] }>
}

/** The platform will not take it now (e.g. outside WeChat's 48-hour window): keep it for later. */
export class HoldDelivery extends Error {
  override name = 'HoldDelivery'
}

/**
 * The senders of one runtime. Each adapter module registers its own when the app is built
 * (Services.senders), so two runtimes in one process — a test's, or a worker beside an app —
 * never send through each other's channel setup.
 */
export interface Senders {
  register(sender: ChannelSender): void
  /** Register make()'s sender unless this runtime has one for the channel (a module configured once, mounted and prepared). */
  ensure(channel: Channel, make: () => ChannelSender): void
  for(channel: Channel): ChannelSender | undefined
}

export function createSenders(): Senders {
  const byChannel = new Map<Channel, ChannelSender>()
  return {
    register: (sender) => void byChannel.set(sender.channel, sender),
    ensure: (channel, make) => {
      if (!byChannel.has(channel)) byChannel.set(channel, make())
    },
    for: (channel) => byChannel.get(channel),
  }
}

/** Channels whose replies travel over our own stream, not through a sender. */
export const PULL_CHANNELS: ReadonlySet<Channel> = new Set(['webchat'])
