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
  parts?: { buttons?: { label: string }[]; media?: MessageMedia }
}

export interface HandoffSummary {
  asked?: string[]
  botTried?: { kind: string; text: string }[]
  found?: { orders: string[]; phones: string[]; tickets: string[] }
}

export interface TicketBrief {
  number: string
  type: string
  status: string
  priority: string
  subject: string
  conversationId: number | null
  channel: string | null
  createdAt: string
  sla: { firstResponseDueAt: string | null; resolutionDueAt: string | null; breached: boolean; warned: boolean; paused: boolean }
}

export interface CustomerView {
  id: string
  displayName: string
  name: string | null
  phone: string | null
  email: string | null
  tier: string
  tags: string[]
  notes: string
  accountManager: { id: number; name: string } | null
}

export interface Detail {
  conversation: { id: number; status: ConversationStatus; channel: string; assigneeId: number | null; assigneeName: string | null }
  messages: ConsoleMessage[]
  customer: CustomerView
  identities: { channel: string; externalId: string; displayName: string | null }[]
  history: { id: number; channel: string; status: ConversationStatus; createdAt: string; messageCount: number; firstText: string | null }[]
  tickets: { thisChat: TicketBrief[]; other: TicketBrief[] }
  labels: string[]
  handoff: { reason: string | null; summary: HandoffSummary | null; model?: ModelSummary | null }
}

/** The model-written hand-off summary (bot/llm/summarize.ts), when a model wrote one. */
export interface ModelSummary {
  wants: string
  tried: string
  found: { orders: string[]; phones: string[]; addresses: string[] }
  model: string
}

/** A suggested reply for the reply box (bot/llm/suggest.ts). */
export interface Suggestion {
  text: string
  entryId: string
  question: string
  source: 'model' | 'curated'
}

/** A field refusal from the customer API: the same words in both languages. */
export interface FieldIssue {
  path: string
  zh?: string
  en?: string
  message: string
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
