/** What the chat page's script receives from the visitor API (the server's own types, erased at build). */
import type { WidgetMessage } from '../outbound.ts'

export type { WidgetMessage }
/** A message the page draws: the server's, or the customer's own before the server confirmed it. */
export type ShownMessage = Pick<WidgetMessage, 'from' | 'text'> & Partial<WidgetMessage>
export type ConversationStatus = 'bot' | 'waiting' | 'agent' | 'closed' | null
export interface ChatButton {
  label: string
  payload: string
}

export interface PostAnswer {
  conversationId: number
  duplicate: boolean
  message: { id: number | null; clientId: string }
  replies: WidgetMessage[]
}
export interface SendRefusal {
  code?: string
  message?: string
  /** Seconds, from Retry-After (0 when the server gave none). */
  retryAfter: number
}
export type SendResult = { ok: true; body: PostAnswer } | { ok: false; error: SendRefusal }
