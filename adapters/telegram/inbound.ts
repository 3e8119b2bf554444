/**
 * A Telegram Update → the bot's InboundMessage. Only what a customer does in a private
 * chat with the bot counts: a message (text, or a caption) and a press on an inline
 * button (callback_query). Groups, channels, edits, other bots and service updates are
 * ignored, so nothing the bot itself posted can come back in as a customer message.
 *
 * De-duplication keys: a message is `<chat id>:<message id>` (message ids are per chat);
 * a button press is `cb:<callback query id>`. A redelivered update carries the same ids.
 */
import { z } from 'zod'
import type { InboundMessage } from '../../bot/conversations/types.ts'

const user = z.object({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
})
const chat = z.object({ id: z.number().int(), type: z.string() })

const message = z.object({
  message_id: z.number().int(),
  from: user.optional(),
  chat,
  text: z.string().optional(),
  caption: z.string().optional(),
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

/** A customer's typed message, or null when the update is not one. */
export function messageToInbound(update: TelegramUpdate): InboundMessage | null {
  const m = update.message
  if (!m?.from || m.from.is_bot || m.chat.type !== 'private') return null
  return {
    ...(/^\/start(\s|$)/.test(m.text ?? '') ? startGreeting(m.from) : {}),
    channel: 'telegram',
    externalUserId: String(m.from.id),
    channelMessageId: `${m.chat.id}:${m.message_id}`,
    // A photo or a sticker has no text: the bot then asks the customer to type their question.
    text: m.text ?? m.caption ?? '',
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
