/**
 * A web chat POST → the bot's InboundMessage. The widget makes a uuid per message and
 * resends the same one when a request fails, so the uuid becomes the channel message id
 * (scoped by visitor, so nobody can pre-empt another visitor's id).
 * Empty and oversized messages are refused with words a customer understands.
 */
import { z } from 'zod'
import type { InboundMedia } from '../../bot/conversations/media.ts'
import type { InboundMessage } from '../../bot/conversations/types.ts'
import { isImage } from '../../bot/media/types.ts'
import { ValidationError } from '../../bot/errors.ts'
import { parseInput } from '../../bot/http/json.ts'
import { t, type Locale } from './i18n.ts'

export const postSchema = z.object({
  id: z.uuid(),
  text: z.string(),
  /** A button's payload; the widget sends the button's label as the text. */
  payload: z.string().min(1).max(500).optional(),
  /** A file uploaded first (POST /webchat/api/upload); the text is then its caption and may be empty. */
  file: z.object({ id: z.string().regex(/^[0-9a-f]{64}$/), name: z.string().max(200).optional() }).optional(),
})

export type WebchatPost = z.infer<typeof postSchema>

/** A refusal the widget shows as it is: `message` is already in the customer's language. */
export class MessageRefused extends ValidationError {
  override readonly code: string
  constructor(code: 'message_empty' | 'message_too_long' | 'file_missing', message: string, details: Record<string, unknown>) {
    super(message, details)
    this.code = code
  }
}

/** Count characters as people do: an emoji is one, not two UTF-16 units. */
export const charCount = (text: string) => [...text].length

export function parsePost(body: unknown, locale: Locale, maxChars: number): WebchatPost {
  const post = parseInput(postSchema, body)
  if (!post.text.trim() && !post.file) throw new MessageRefused('message_empty', t(locale, 'webchat.empty'), { limit: maxChars })
  if (charCount(post.text) > maxChars) {
    throw new MessageRefused('message_too_long', t(locale, 'webchat.tooLong', { max: maxChars }), { limit: maxChars, length: charCount(post.text) })
  }
  return post
}

export const channelMessageId = (visitorId: string, clientId: string) => `${visitorId}:${clientId}`

/** The client's own id back from a stored channel message id (null for other shapes). */
export function clientIdOf(channelMessageId: string | null | undefined): string | null {
  const i = channelMessageId?.lastIndexOf(':') ?? -1
  return i > 0 ? channelMessageId!.slice(i + 1) : null
}

/** `stored`: the uploaded file's checked type and size, when the post names one that exists. */
export function toInbound(visitorId: string, post: WebchatPost, receivedAt?: Date, stored?: { contentType: string; size: number } | null): InboundMessage {
  const file: InboundMedia | undefined =
    post.file && stored
      ? {
          type: isImage(stored.contentType) ? 'image' : 'file',
          fileId: post.file.id,
          contentType: stored.contentType,
          size: stored.size,
          ...(post.file.name ? { title: post.file.name } : {}),
        }
      : undefined
  return {
    channel: 'webchat',
    externalUserId: visitorId,
    channelMessageId: channelMessageId(visitorId, post.id),
    text: post.text,
    ...(post.payload ? { payload: post.payload } : {}),
    ...(file ? { media: file } : {}),
    // Replies reach a web visitor over their event stream; no address is needed.
    address: {},
    ...(receivedAt ? { receivedAt } : {}),
  }
}
