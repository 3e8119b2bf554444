/**
 * A Telegram Update → the bot's InboundMessage. Only what a customer does in a private
 * chat with the bot counts: a message (text; a photo, sticker, voice, video, file or place,
 * with its caption) and a press on an inline
 * button (callback_query). Groups, channels, edits, other bots and service updates are
 * ignored, so nothing the bot itself posted can come back in as a customer message.
 *
 * De-duplication keys: a message is `<chat id>:<message id>` (message ids are per chat);
 * a button press is `cb:<callback query id>`. A redelivered update carries the same ids.
 */
import { z } from 'zod'
import type { InboundMessage } from '../../bot/conversations/types.ts'
import type { InboundMedia } from '../../bot/conversations/media.ts'

const user = z.object({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
})
const chat = z.object({ id: z.number().int(), type: z.string() })

const file = z.object({ file_id: z.string() }).loose()
const place = z.object({ latitude: z.number(), longitude: z.number() })

const message = z.object({
  message_id: z.number().int(),
  from: user.optional(),
  chat,
  text: z.string().optional(),
  caption: z.string().optional(),
  // What customers send besides text (Bot API Message fields); each is kept as media.
  photo: z.array(file).optional(),
  sticker: file.extend({ emoji: z.string().optional() }).optional(),
  voice: file.optional(),
  audio: file.extend({ title: z.string().optional() }).optional(),
  video: file.optional(),
  video_note: file.optional(),
  animation: file.optional(),
  document: file.extend({ file_name: z.string().optional() }).optional(),
  location: place.optional(),
  venue: z.object({ location: place, title: z.string(), address: z.string().optional() }).optional(),
})

const callbackQuery = z.object({
  id: z.string().min(1),
  from: user,
  data: z.string().optional(),
  // Absent when the message is too old for Telegram to include it.
  message: z.object({ message_id: z.number().int().optional(), chat }).optional(),
})

export const updateSchema = z.object({
  update_id: z.number().int(),
  message: message.optional(),
  callback_query: callbackQuery.optional(),
})

export type TelegramUpdate = z.infer<typeof updateSchema>
type TelegramUser = z.infer<typeof user>

/** The updates the bot asks Telegram for (setWebhook / getUpdates allowed_updates). */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const

export const displayName = (u: TelegramUser) => [u.first_name, u.last_name].filter(Boolean).join(' ') || u.username || undefined

/**
 * "/start" is what Telegram sends when someone opens the bot: greet them (the channel's
 * welcome) in their app's language, as WeChat does a new follower.
 */
const startGreeting = (u: TelegramUser) => ({ payload: `say:${u.language_code?.startsWith('zh') ? '你好' : 'hello'}` })

type TelegramMessage = z.infer<typeof message>

/** The photo, sticker, voice, video, file or place a message carries, if any (file ids are kept to fetch the file later). */
function mediaOf(m: TelegramMessage): InboundMedia | undefined {
  // Telegram sends a photo in several sizes, smallest first: the last is the original.
  if (m.photo?.length) return { type: 'image', ref: m.photo[m.photo.length - 1]!.file_id }
  if (m.sticker) return { type: 'sticker', ref: m.sticker.file_id, ...(m.sticker.emoji ? { title: m.sticker.emoji } : {}) }
  if (m.voice) return { type: 'voice', ref: m.voice.file_id }
  if (m.audio) return { type: 'voice', ref: m.audio.file_id, ...(m.audio.title ? { title: m.audio.title } : {}) }
  const video = m.video ?? m.video_note ?? m.animation
  if (video) return { type: 'video', ref: video.file_id }
  if (m.document) return { type: 'file', ref: m.document.file_id, ...(m.document.file_name ? { title: m.document.file_name } : {}) }
  if (m.venue) return { type: 'location', title: [m.venue.title, m.venue.address].filter(Boolean).join(' '), ...m.venue.location }
  if (m.location) return { type: 'location', ...m.location }
  return undefined
}

/** A customer's typed message, or null when the update is not one. */
export function messageToInbound(update: TelegramUpdate): InboundMessage | null {
  const m = update.message
  if (!m?.from || m.from.is_bot || m.chat.type !== 'private') return null
  const media = mediaOf(m)
  return {
    ...(/^\/start(\s|$)/.test(m.text ?? '') ? startGreeting(m.from) : {}),
    channel: 'telegram',
    externalUserId: String(m.from.id),
    channelMessageId: `${m.chat.id}:${m.message_id}`,
    // A photo or a sticker may come without words: its caption (or nothing) is the text, the media says what it was.
    text: m.text ?? m.caption ?? '',
    ...(media ? { media } : {}),
    displayName: displayName(m.from),
    address: { chatId: m.chat.id },
  }
}

/** A button press, once its label and payload are known (see buttons.ts), or null when it is not one. */
export function pressToInbound(update: TelegramUpdate, pressed: { label: string; payload: string }): InboundMessage | null {
  const q = update.callback_query
  if (!q || q.from.is_bot) return null
  const chatId = q.message?.chat.type === 'private' ? q.message.chat.id : q.from.id
  return {
    channel: 'telegram',
    externalUserId: String(q.from.id),
    channelMessageId: `cb:${q.id}`,
    // The label is what the customer "said"; agents read it in the conversation.
    text: pressed.label,
    payload: pressed.payload,
    displayName: displayName(q.from),
    address: { chatId },
  }
}
