/**
 * The channel-neutral message shapes every adapter converts to and from, and the closed
 * sets of the conversation domain: each is one `as const` list, its type and its zod enum,
 * so a new channel or state is added in one place and checked everywhere.
 */
import { z } from 'zod'
import type { InboundMedia } from './media.ts'

export const CHANNELS = ['webchat', 'wechat', 'wechaty', 'telegram', 'teams'] as const
export type Channel = (typeof CHANNELS)[number]
export const channelSchema = z.enum(CHANNELS)

export const LOCALES = ['zh', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const localeSchema = z.enum(LOCALES)

/** bot → waiting → agent → closed; the moves between them are in transition.ts. */
export const CONVERSATION_STATUSES = ['bot', 'waiting', 'agent', 'closed'] as const
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number]
export const conversationStatusSchema = z.enum(CONVERSATION_STATUSES)

/**
 * Why people were asked in (shown to the agent, counted on the dashboard). A request or a
 * choice from a customer who complained or was angry is recorded as that (bot/turn/tone.ts).
 */
export const HANDOFF_REASONS = ['customer_request', 'customer_choice', 'channel_people', 'complaint', 'angry'] as const
export type HandoffReason = (typeof HANDOFF_REASONS)[number]

export const OUTBOUND_KINDS = ['answer', 'clarify', 'fallback', 'greeting', 'smalltalk', 'handoff', 'queue', 'agent', 'system'] as const
export type OutboundKind = (typeof OUTBOUND_KINDS)[number]
export const MESSAGE_KINDS = [...OUTBOUND_KINDS, 'customer', 'note'] as const
export type MessageKind = (typeof MESSAGE_KINDS)[number]

export const DIRECTIONS = ['in', 'out', 'internal'] as const
export type Direction = (typeof DIRECTIONS)[number]
export const SENDER_TYPES = ['customer', 'bot', 'agent', 'system'] as const
export type SenderType = (typeof SENDER_TYPES)[number]
export type ReplySender = Exclude<SenderType, 'customer'>

/**
 * An outbound message to a push channel: stored pending (the outbox), then sent, held
 * (the channel will not take it yet; released when the customer writes) or failed.
 * Messages of pull channels (the web chat) have no delivery state.
 */
export const DELIVERY_STATUSES = ['pending', 'sent', 'held', 'failed'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]
/** Which path carries it: the webhook's own answer (WeChat passive reply) or the delivery job. Null while undecided. */
export const DELIVERY_ROUTES = ['passive', 'outbox'] as const
export type DeliveryRoute = (typeof DELIVERY_ROUTES)[number]

/** A message from a customer, as any adapter hands it to the bot. */
export interface InboundMessage {
  channel: Channel
  /** The customer's id on that channel (openid, Telegram user id, visitor id…). */
  externalUserId: string
  /** The channel's id for this message — de-duplication key. */
  channelMessageId: string
  text: string
  /** A button's payload when the customer pressed one (e.g. "opt:2", "handoff"). */
  payload?: string
  displayName?: string
  /**
   * Where replies must go (chat id, conversation reference…); stored on the conversation.
   * `shared: true` marks a place other people read (a group chat): see open.ts.
   */
  address?: Record<string, unknown>
  receivedAt?: Date
  /** A photo, sticker, voice, video, file, location or link, when that is what arrived; `text` is then its caption (may be empty). */
  media?: InboundMedia
}

export interface Button {
  label: string
  /** Sent back as InboundMessage.payload when pressed. */
  payload: string
}

export interface Link {
  title: string
  url: string
}

/** A message to a customer, rendered by each adapter within its channel's abilities. */
export interface OutboundMessage {
  id: number
  conversationId: number
  channel: Channel
  address: Record<string, unknown>
  kind: OutboundKind
  senderType: ReplySender
  senderName?: string
  text: string
  buttons: Button[]
  links: Link[]
  images: string[]
  /** A photo or file an agent sent (bot/media): each sender sends it as its own piece, after the text. */
  media?: OutboundMedia
  kbEntryId?: string | null
  createdAt: Date
}

/** A stored file going out: its id in bot/media/store.ts, its checked type, and the name shown. */
export interface OutboundMedia {
  fileId: string
  contentType: string
  size: number
  title?: string
}
