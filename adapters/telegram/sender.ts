/**
 * The Telegram ChannelSender the outbox job (bot/channels/deliver.ts) calls: render, then
 * sendMessage piece by piece through the flood limiter, returning Telegram's message ids.
 *
 * Failures decide what the job does: a 429 waits the time Telegram names — a few seconds
 * in place, longer as the job's own next run (RetryLater: the row waits, the worker goes
 * on with other conversations, and the wait spends no attempt); a 400/403 (bot blocked by the user, chat gone, a message Telegram
 * refuses) will not get better by retrying, so it fails at once and the agent gets the
 * private note; anything else (network, 5xx, Telegram down) is retried with backoff.
 * Pieces already sent are recorded with the message, so a retry does not repeat the
 * first half of a long answer.
 */
import { sendPieces } from '../shared/sendPieces.ts'
import type { ChannelSender, Delivery, PieceProgress } from '../../bot/channels/senders.ts'
import type { Services } from '../../bot/context.ts'
import type { OutboundMedia } from '../../bot/conversations/types.ts'
import { readMedia } from '../../bot/media/store.ts'
import { isImage } from '../../bot/media/types.ts'
import { RetryLater, UnrecoverableError } from '../../bot/jobs/types.ts'
import type { TelegramConfig } from './config.ts'
import { deadline, type Telegram } from './api.ts'
import { SendLimiter } from './limiter.ts'
import { renderForTelegram, type TelegramSend } from './outbound.ts'

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
/** Longer than this, a 429's retry_after is waited out by the job system, not by a worker asleep. */
const MAX_WAIT_IN_PLACE_S = 5

interface TelegramFailure {
  code?: number
  parameters?: { retry_after?: number }
  description?: string
}

interface MediaPiece {
  media: OutboundMedia
}

async function mediaCall(services: Pick<Services, 'db' | 'config'>, media: OutboundMedia): Promise<{ method: string; payload: object }> {
  const found = await readMedia(services, media.fileId)
  if (!found) throw new UnrecoverableError(`the file ${media.fileId} is no longer stored`)
  const file = { source: Buffer.from(found.bytes), filename: media.title || (isImage(media.contentType) ? 'photo' : 'file') }
  return isImage(media.contentType) ? { method: 'sendPhoto', payload: { photo: file } } : { method: 'sendDocument', payload: { document: file } }
}

export function telegramSender(services: Pick<Services, 'db' | 'config'>, api: Telegram, cfg: TelegramConfig, publicUrl: string | null): ChannelSender {
  const limiter = new SendLimiter(cfg.chatIntervalMs, cfg.globalPerSecond)

  async function sendPiece(chatId: number | string, piece: TelegramSend | MediaPiece): Promise<string> {
    // An agent's photo goes as sendPhoto, any other file as sendDocument: uploaded from our copy (multipart).
    const call = 'media' in piece ? await mediaCall(services, piece.media) : { method: 'sendMessage', payload: piece }
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await api.callApi(call.method as 'sendMessage', { chat_id: chatId, ...call.payload } as any, { signal: deadline(cfg.requestTimeoutMs) })
        return String((r as { message_id: number }).message_id)
      } catch (err) {
        const e = err as TelegramFailure
        const wait = e.parameters?.retry_after
        if (e.code === 429 && wait != null) {
          if (wait > MAX_WAIT_IN_PLACE_S || attempt >= 2) throw new RetryLater(wait * 1000, `Telegram 429: retry after ${wait} s`)
          await sleep(wait * 1000)
          continue
        }
        if (e.code === 400 || e.code === 403) throw new UnrecoverableError(`Telegram refused the message (${e.code}): ${e.description ?? ''}`)
        throw err
      }
    }
  }

  return {
    channel: 'telegram',
    async send(d: Delivery, progress: PieceProgress) {
      const chatId = (d.address?.chatId as number | string | undefined) ?? d.externalUserId
      if (chatId == null) throw new UnrecoverableError('No Telegram chat id for this conversation.')
      // A photo without a caption is the photo alone; with one, the words go first.
      const text = d.media && !d.text.trim() ? [] : renderForTelegram(d, publicUrl)
      const pieces: (TelegramSend | MediaPiece)[] = [...text, ...(d.media ? [{ media: d.media }] : [])]
      const ids = await sendPieces(progress, pieces, (piece, i) => limiter.run(String(chatId), d.id + i / 1000, () => sendPiece(chatId, piece)))
      return { platformMessageIds: ids }
    },
  }
}
