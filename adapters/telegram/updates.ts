/**
 * One Telegram update through the pipeline both modes share (webhook and long polling):
 * parse (zod → 400) → normalise → the bot's turn (which de-duplicates on the channel
 * message id and stores everything in one transaction). Replies are not sent here: the
 * turn stores them 'pending' and the outbox job delivers them through the sender.
 *
 * A button press is also acknowledged with answerCallbackQuery — even a redelivered one —
 * so the customer's button stops spinning, and the keyboard is taken off the message it sat
 * on (editMessageReplyMarkup with an empty keyboard): a menu answered once cannot be pressed
 * again days later into a conversation that has moved on. Both calls are best effort: the
 * press is already stored, and a slow Telegram must not hold up the webhook's answer.
 */
import { systemCtx, type Services } from '../../bot/context.ts'
import { parseInput } from '../../bot/http/json.ts'
import { download, withStoredFile } from '../../bot/media/fetchInbound.ts'
import { handleInbound } from '../../bot/turn/handleInbound.ts'
import { deadline, type Telegram } from './api.ts'
import { pressedButton } from './buttons.ts'
import { messageToInbound, pressToInbound, updateSchema, type TelegramUpdate } from './inbound.ts'

export type UpdateOutcome = 'answered' | 'duplicate' | 'ignored'

export async function handleUpdate(services: Services, api: Telegram, raw: unknown): Promise<UpdateOutcome> {
  const update = parseInput(updateSchema, raw)
  const q = update.callback_query
  if (q) {
    try {
      const pressed = await pressedButton(services.db, String(q.from.id), q.data)
      const inbound = pressed ? pressToInbound(update, pressed) : null
      return inbound ? await turn(services, inbound) : 'ignored'
    } finally {
      acknowledgePress(services, api, q.id)
      if (q.message?.message_id != null) removeKeyboard(services, api, q.message.chat.id, q.message.message_id)
    }
  }
  const inbound = messageToInbound(update)
  return inbound ? turn(services, inbound, api) : 'ignored'
}

async function turn(services: Services, inbound: NonNullable<ReturnType<typeof messageToInbound>>, api?: Telegram): Promise<UpdateOutcome> {
  const ctx = systemCtx(services, 'telegram')
  const media = api
    ? await withStoredFile(services, inbound.media, (m) => (m.ref ? fetchFile(api, m.ref, services.config.MEDIA_MAX_MB * 1048576) : Promise.resolve(null)))
    : inbound.media
  const result = await handleInbound({ ctx, input: media ? { ...inbound, media } : inbound })
  return result.duplicate ? 'duplicate' : 'answered'
}

/** A customer's photo, voice or document by its file_id: getFile, then the file's download URL (bots may fetch up to 20 MB). */
async function fetchFile(api: Telegram, fileId: string, maxBytes: number): Promise<Uint8Array> {
  const link = await api.getFileLink(fileId)
  if (link.protocol === 'file:') throw new Error('a local Bot API server returned a file path, not a URL')
  return download(link, { maxBytes, timeoutMs: 10_000 })
}

function acknowledgePress(services: Services, api: Telegram, callbackQueryId: string) {
  api
    .callApi('answerCallbackQuery', { callback_query_id: callbackQueryId }, { signal: deadline(5000) })
    .catch((err) => services.log.warn({ err: String(err?.message ?? err) }, 'telegram: answerCallbackQuery failed'))
}

function removeKeyboard(services: Services, api: Telegram, chatId: number, messageId: number) {
  api
    .callApi('editMessageReplyMarkup', { chat_id: chatId, message_id: messageId, reply_markup: { inline_keyboard: [] } } as any, { signal: deadline(5000) })
    .catch((err) => services.log.warn({ err: String(err?.message ?? err) }, 'telegram: editMessageReplyMarkup failed'))
}

export type { TelegramUpdate }
