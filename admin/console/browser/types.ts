/** The console API's answers as the browser receives them (JSON: dates are strings). */
import type { MessageMedia } from './mediaView.ts'

export type ConversationStatus = 'bot' | 'waiting' | 'agent' | 'closed'
export type Presence = 'online' | 'away' | 'offline'

export interface ListItem {
  id: number
  customerName: string
  tier: string
  team: string | null
  channel: string
  status: ConversationStatus
  assigneeName: string | null
  last: { text: string } | null
}

export interface ConsoleMessage {
  id: number
  conversationId: number
  senderType: 'customer' | 'bot' | 'agent' | 'system'
  senderName: string | null
  text: string
  isPrivate: boolean
  createdAt: string
  parts?: { buttons?: { label: string }[]; media?: MessageMedia }
}

export interface HandoffSummary {
  asked?: string[]
  botTried?: { kind: string; text: string }[]
}

export interface Detail {
  conversation: { id: number; status: ConversationStatus; channel: string; assigneeId: number | null; assigneeName: string | null }
  messages: ConsoleMessage[]
  customer: { id: string; name: string | null; phone: string | null; email: string | null; tier: string; tags: string[]; notes: string }
  identities: { channel: string; externalId: string; displayName: string | null }[]
  history: { id: number; status: ConversationStatus; createdAt: string; messageCount: number; firstText: string | null }[]
  handoff: { reason: string | null; summary: HandoffSummary | null }
}

export interface Agent {
  id: number
  displayName: string
  status: Presence
  load: number
}

export interface Canned {
  shortcut: string
  text: string
}
