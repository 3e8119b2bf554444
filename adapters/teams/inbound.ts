/**
 * A Bot Framework Activity → the bot's InboundMessage. A message counts when a person
 * writes to the bot in a personal (1:1) chat: typed text, or a press on one of our
 * Adaptive Card buttons (Action.Submit posts its `data` back as `value`). Group chats,
 * channels, the bot's own activities and other activity types are not customer messages.
 *
 * The address stored for replies is the conversation reference (serviceUrl, conversation,
 * bot, user, tenant) without the activity id, so every reply — also hours later, from an
 * agent — goes out as a new message in that chat (a proactive message).
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { InboundMedia } from '../../bot/conversations/media.ts'
import type { InboundMessage } from '../../bot/conversations/types.ts'

// Bot Framework ids are short ASCII; the caps keep a forged one within what an index row holds.
const ID_MAX = 400
const account = z.object({ id: z.string().min(1).max(ID_MAX), name: z.string().max(ID_MAX).optional(), aadObjectId: z.string().max(ID_MAX).optional() })

export const activitySchema = z
  .object({
    type: z.string().min(1),
    /** An invoke's name (adaptiveCard/action…). */
    name: z.string().max(ID_MAX).optional(),
    id: z.string().max(ID_MAX).optional(),
    channelId: z.string().min(1).max(ID_MAX),
    serviceUrl: z.url(),
    from: account,
    recipient: account,
    conversation: z.object({
      id: z.string().min(1).max(ID_MAX),
      conversationType: z.string().max(ID_MAX).optional(),
      tenantId: z.string().max(ID_MAX).optional(),
      isGroup: z.boolean().optional(),
    }),
    text: z.string().optional(),
    value: z.unknown().optional(),
    locale: z.string().optional(),
    membersAdded: z.array(account).optional(),
    attachments: z
      .array(z.object({ contentType: z.string(), contentUrl: z.string().optional(), name: z.string().optional(), content: z.unknown().optional() }).loose())
      .optional(),
    channelData: z
      .object({ tenant: z.object({ id: z.string() }).optional() })
      .loose()
      .optional(),
  })
  .loose()

export type TeamsActivity = z.infer<typeof activitySchema>

/** What an Action.Submit of ours sends back (see outbound.ts). */
export interface SubmitData {
  kefu: string
  label?: string
}

export const isPersonal = (a: TeamsActivity) => !a.conversation.isGroup && (a.conversation.conversationType ?? 'personal') === 'personal'

/** Where replies go: a conversation reference without the activity id (so replies are new messages, not threaded). */
export function addressOf(a: TeamsActivity): Record<string, unknown> {
  const tenantId = a.conversation.tenantId ?? a.channelData?.tenant?.id
  return {
    serviceUrl: a.serviceUrl,
    channelId: a.channelId,
    conversation: {
      id: a.conversation.id,
      ...(a.conversation.conversationType ? { conversationType: a.conversation.conversationType } : {}),
      ...(tenantId ? { tenantId } : {}),
    },
    bot: { id: a.recipient.id, ...(a.recipient.name ? { name: a.recipient.name } : {}) },
    user: { id: a.from.id, ...(a.from.name ? { name: a.from.name } : {}) },
    ...(a.locale ? { locale: a.locale } : {}),
  }
}

/** Unique per conversation on the Connector; hashed when the two ids together are longer than we store. */
export function channelMessageId(conversationId: string, activityId: string): string {
  const key = `${conversationId}|${activityId}`
  return key.length <= 200 ? key : `h:${createHash('sha256').update(key).digest('base64url')}`
}

// In group chats Teams puts "<at>Bot</at>" in the text; a personal chat may too, when someone @-mentions.
const stripMentions = (text: string) =>
  text
    .replace(/<at>[^<]*<\/at>/gi, '')
    .replace(/\s+/g, (s) => (s.includes('\n') ? '\n' : ' '))
    .trim()

function submitted(value: unknown): SubmitData | null {
  const v = value as Partial<SubmitData> | null | undefined
  return v && typeof v === 'object' && typeof v.kefu === 'string' && v.kefu
    ? { kefu: v.kefu.slice(0, 500), label: typeof v.label === 'string' ? v.label : undefined }
    : null
}

/** Teams' own type for a file a person shares in a personal chat: its bytes are at content.downloadUrl. */
const FILE_DOWNLOAD = 'application/vnd.microsoft.teams.file.download.info'

/**
 * The photo or file a message carries: an image attachment (contentUrl) or a shared file
 * (download info). Teams also repeats the message as a text/html attachment; that is not media.
 */
export function attachmentMedia(a: TeamsActivity): InboundMedia | undefined {
  for (const att of a.attachments ?? []) {
    const name = att.name ? { title: att.name.slice(0, 200) } : {}
    if (att.contentType === FILE_DOWNLOAD) {
      const url = (att.content as { downloadUrl?: unknown } | undefined)?.downloadUrl
      if (typeof url === 'string') return { type: 'file', url: url.slice(0, 2000), ...name }
    }
    if (att.contentType.startsWith('image/') && att.contentUrl) return { type: 'image', url: att.contentUrl.slice(0, 2000), ...name }
    if (/^(video|audio)\//.test(att.contentType) && att.contentUrl)
      return { type: att.contentType.startsWith('video') ? 'video' : 'voice', url: att.contentUrl.slice(0, 2000), ...name }
  }
  return undefined
}

/** A customer's message or button press, or null when the activity is not one. */
export function toInbound(a: TeamsActivity): InboundMessage | null {
  if (a.type !== 'message' || !a.id || !isPersonal(a) || a.from.id === a.recipient.id) return null
  const press = submitted(a.value)
  const media = press ? undefined : attachmentMedia(a)
  return {
    channel: 'teams',
    externalUserId: a.from.id,
    channelMessageId: channelMessageId(a.conversation.id, a.id),
    text: press ? (press.label ?? '') : stripMentions(a.text ?? ''),
    ...(press ? { payload: press.kefu } : {}),
    ...(media ? { media } : {}),
    ...(a.from.name ? { displayName: a.from.name } : {}),
    address: addressOf(a),
  }
}

/**
 * The people a conversationUpdate says joined a personal chat: they get a greeting. When a
 * person installs the bot for themselves, Teams lists only the bot in membersAdded (as in
 * Microsoft's samples); the person is the one the activity is from.
 */
export function joinedPeople(a: TeamsActivity): { id: string; name?: string }[] {
  if (a.type !== 'conversationUpdate' || !isPersonal(a)) return []
  const added = a.membersAdded ?? []
  const people = added.filter((m) => m.id !== a.recipient.id)
  if (people.length) return people
  const botAdded = added.some((m) => m.id === a.recipient.id)
  return botAdded && a.from.id !== a.recipient.id ? [{ id: a.from.id, ...(a.from.name ? { name: a.from.name } : {}) }] : []
}
