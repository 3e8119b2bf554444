/** The console API's answers as the browser receives them (JSON: dates are strings). */

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
  /** Customer messages I have not read. */
  unread: number
  /** Since when the customer waits (queue, or an unanswered message); null when nobody waits. */
  waitingSince: string | null
}

export interface ListAnswer {
  items: ListItem[]
  counts: { queue: number; mine: number; unread: number }
  now: string
}

export interface Alerts {
  now: string
  waiting: { count: number; oldestSince: string | null }
  waits: { conversationId: number; customerName: string; level: 'near' | 'over'; since: string }[]
  tickets: { number: string; subject: string; clock: string; level: 'near' | 'over'; dueAt: string }[]
}

export interface ConsoleMessage {
  id: number
  conversationId: number
  senderType: 'customer' | 'bot' | 'agent' | 'system'
  senderName: string | null
  text: string
  isPrivate: boolean
  createdAt: string
  parts?: { buttons?: { label: string }[] }
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
