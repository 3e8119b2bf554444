/**
 * What a customer sent besides text — a photo, a sticker, a voice message, a video, a file,
 * a location, a link — described the same way whichever channel it came from. It is stored
 * with the message (parts.media) and its text says what arrived ("[图片]", "[位置] 上海…"), so
 * agents see it in the conversation and nothing a customer sends is dropped or shown empty.
 * `ref` is the channel's handle for the file (MediaId, file_id); the adapter fetches the bytes
 * where the channel allows (bot/media/fetchInbound.ts) and `fileId` names the stored copy.
 */
import { z } from 'zod'

export const MEDIA_TYPES = ['image', 'sticker', 'voice', 'video', 'file', 'location', 'link', 'other'] as const
export type MediaType = (typeof MEDIA_TYPES)[number]

const short = z.string().max(2000).optional()

export const inboundMediaSchema = z.object({
  type: z.enum(MEDIA_TYPES),
  /** A link the channel gave (WeChat PicUrl, a shared link's Url). */
  url: short,
  /** The channel's own id for the file, to fetch it later. */
  ref: short,
  /** A title, file name, place name, sticker emoji, or the vendor's own type for 'other'. */
  title: short,
  description: short,
  /** The stored copy (bot/media/store.ts): the SHA-256 of its bytes, its checked type and size. */
  fileId: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  contentType: z.string().max(100).optional(),
  size: z.number().int().min(0).optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
})
export type InboundMedia = z.infer<typeof inboundMediaSchema>

/** How each kind is named to agents (the console shows Chinese) and to the customer (either language). */
export const MEDIA_NAMES: Record<MediaType, { tag: string; zh: string; en: string }> = {
  image: { tag: '图片', zh: '图片', en: 'photo' },
  sticker: { tag: '表情', zh: '表情', en: 'sticker' },
  voice: { tag: '语音', zh: '语音', en: 'voice message' },
  video: { tag: '视频', zh: '视频', en: 'video' },
  file: { tag: '文件', zh: '文件', en: 'file' },
  location: { tag: '位置', zh: '位置', en: 'location' },
  link: { tag: '链接', zh: '链接', en: 'link' },
  other: { tag: '消息', zh: '消息', en: 'message' },
}

/** The stored text of a message with media: "[图片] caption", "[位置] 名称 (31.2, 121.4)", "[链接] 标题 url". */
export function mediaText(media: InboundMedia, caption: string): string {
  const where = media.latitude != null && media.longitude != null ? `(${media.latitude}, ${media.longitude})` : ''
  const about = [media.title, media.type === 'link' ? media.description : '', where, media.url].filter(Boolean).join(' ')
  return [`[${MEDIA_NAMES[media.type].tag}]`, about, caption.trim()].filter(Boolean).join(' ')
}
