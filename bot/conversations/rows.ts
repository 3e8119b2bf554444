/**
 * Rows of `conversations` and `messages`, parsed with zod as they leave the database:
 * a column that drifts from what the code expects fails loudly here, not three calls later.
 */
import { z } from 'zod'
import {
  channelSchema,
  conversationStatusSchema,
  DELIVERY_ROUTES,
  DELIVERY_STATUSES,
  DIRECTIONS,
  localeSchema,
  MESSAGE_KINDS,
  SENDER_TYPES,
  type Button,
  type Link,
} from './types.ts'
import { at, int as id, jsonb, maybeAt } from '../db/columns.ts'

/** An option the bot offered: a knowledge entry to answer, or an action. */
export const pendingOptionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('entry'), entryId: z.string(), label: z.string() }),
  z.object({ kind: z.literal('action'), action: z.enum(['handoff', 'ticket', 'none']), label: z.string() }),
])
export type PendingOption = z.infer<typeof pendingOptionSchema>

export const conversationRow = z.object({
  id,
  customer_id: z.string(),
  channel: channelSchema,
  channel_address: z.record(z.string(), z.unknown()).nullable(),
  status: conversationStatusSchema,
  owner_id: id.nullable(),
  assignee_id: id.nullable(),
  team: z.string().nullable(),
  priority: z.number(),
  language: localeSchema,
  fallback_streak: z.number(),
  pending_options: z.array(pendingOptionSchema).nullable(),
  handoff_reason: z.string().nullable(),
  handoff_summary: z.unknown(),
  queued_at: maybeAt,
  assigned_at: maybeAt,
  first_response_at: maybeAt,
  closed_at: maybeAt,
  last_customer_message_at: maybeAt,
  created_at: at,
  updated_at: at,
})

/**
 * The columns by name, not `*`: a statement naming them is prepared once per connection
 * (bot/db/postgres.ts), and the turn's conversation lock runs on every message.
 */
export const CONVERSATION_COLUMNS = Object.keys(conversationRow.shape).join(', ')

export function toConversation(row: unknown) {
  const r = conversationRow.parse(row)
  return {
    id: r.id,
    customerId: r.customer_id,
    channel: r.channel,
    address: r.channel_address ?? {},
    status: r.status,
    ownerId: r.owner_id,
    assigneeId: r.assignee_id,
    team: r.team,
    priority: r.priority,
    language: r.language,
    fallbackStreak: r.fallback_streak,
    pendingOptions: r.pending_options ?? [],
    handoffReason: r.handoff_reason,
    handoffSummary: r.handoff_summary,
    queuedAt: r.queued_at,
    assignedAt: r.assigned_at,
    firstResponseAt: r.first_response_at,
    closedAt: r.closed_at,
    lastCustomerMessageAt: r.last_customer_message_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}
export type Conversation = ReturnType<typeof toConversation>

const partsSchema = z
  .object({
    buttons: z.array(z.object({ label: z.string(), payload: z.string() })).optional(),
    links: z.array(z.object({ title: z.string(), url: z.string() })).optional(),
    images: z.array(z.string()).optional(),
    payload: z.string().optional(),
    // A customer's (InboundMedia) or an agent's (OutboundMedia) photo or file; fileId when Kefu holds it.
    media: z
      .object({
        type: z.string().optional(),
        fileId: z.string().optional(),
        contentType: z.string().optional(),
        size: z.number().optional(),
        title: z.string().optional(),
      })
      .loose()
      .optional(),
  })
  .loose()

export const messageRow = z.object({
  id,
  conversation_id: id,
  direction: z.enum(DIRECTIONS),
  sender_type: z.enum(SENDER_TYPES),
  sender_id: z.string().nullable(),
  /** Joined from staff_users by the reads that show messages. */
  sender_name: z.string().nullish(),
  text: z.string(),
  parts: jsonb(partsSchema.nullable()),
  is_private: z.boolean(),
  channel: channelSchema,
  channel_message_id: z.string().nullable(),
  kb_entry_id: z.string().nullable(),
  kind: z.enum(MESSAGE_KINDS).nullable(),
  delivery_status: z.enum(DELIVERY_STATUSES).nullable(),
  delivery_route: z.enum(DELIVERY_ROUTES).nullable(),
  created_at: at,
})
export type MessageDbRow = z.infer<typeof messageRow>

export interface MessageRow {
  id: number
  conversationId: number
  direction: MessageDbRow['direction']
  senderType: MessageDbRow['sender_type']
  senderId: string | null
  senderName?: string | null
  text: string
  parts: { buttons?: Button[]; links?: Link[]; images?: string[]; media?: { type?: string; fileId?: string; contentType?: string; title?: string } }
  isPrivate: boolean
  kbEntryId: string | null
  kind: MessageDbRow['kind']
  createdAt: Date
  /** The channel's own id of an inbound message (the web chat's carries the widget's client id); absent on rows built elsewhere. */
  channelMessageId?: string | null
}

export function toMessage(row: unknown): MessageRow {
  const r = messageRow.parse(row)
  return {
    id: r.id,
    conversationId: r.conversation_id,
    direction: r.direction,
    senderType: r.sender_type,
    senderId: r.sender_id,
    senderName: r.sender_name ?? null,
    text: r.text,
    parts: r.parts ?? {},
    isPrivate: r.is_private,
    kbEntryId: r.kb_entry_id,
    kind: r.kind,
    createdAt: r.created_at,
    channelMessageId: r.channel_message_id,
  }
}
