/**
 * The bot's answer to a photo, voice message, video, file, location or link that came
 * without words: it cannot see inside, so it says what it received, asks what it shows
 * (a photo of broken goods is the usual case), and offers a person or a ticket — never
 * "you sent an empty message". A sticker is a friendly gesture and is answered as one.
 */
import { MEDIA_NAMES, type InboundMedia } from '../conversations/media.ts'
import type { Reply } from '../conversations/addReply.ts'
import type { Locale } from '../conversations/types.ts'
import { fallbackButtons } from './answer.ts'
import { say } from './phrases.ts'

export function mediaReply(media: InboundMedia, locale: Locale): Reply {
  const text = media.type === 'sticker' ? say('stickerReceived', locale) : say('mediaReceived', locale, { what: MEDIA_NAMES[media.type][locale] })
  return { kind: 'smalltalk', text, buttons: fallbackButtons(locale) }
}
