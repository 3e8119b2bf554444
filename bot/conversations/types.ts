/** The channel-neutral message shapes every adapter converts to and from. */
export type Channel = 'webchat' | 'wechat' | 'wechaty' | 'telegram' | 'teams'
export type Locale = 'zh' | 'en'

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
  /** Where replies must go (chat id, conversation reference…); stored on the conversation. */
  address?: Record<string, unknown>
  receivedAt?: Date
}

export interface Button {
  label: string
  /** Sent back as InboundMessage.payload when pressed. */
  payload: string
}

export type OutboundKind = 'answer' | 'clarify' | 'fallback' | 'greeting' | 'smalltalk' | 'handoff' | 'queue' | 'agent' | 'system'

/** A message to a customer, rendered by each adapter within its channel's abilities. */
export interface OutboundMessage {
  id: number
  conversationId: number
  channel: Channel
  address: Record<string, unknown>
  kind: OutboundKind
  senderType: 'bot' | 'agent' | 'system'
  senderName?: string
  text: string
  buttons: Button[]
  links: { title: string; url: string }[]
  images: string[]
  kbEntryId?: string | null
  createdAt: Date
}

export type ConversationStatus = 'bot' | 'waiting' | 'agent' | 'closed'
