/**
 * A WeChat message or event → the bot's InboundMessage (or null for what the bot does
 * not answer: unsubscribe, location reports, menu links…). Customers can send text, and
 * pictures, voice (with WeChat's own recognition text when 语音识别 is on), video, short
 * video, locations, links and types we do not know yet: each is kept as media, so none is
 * dropped, also while an agent has the chat.
 * WeChat retries with the same MsgId; events have none, so FromUserName + CreateTime +
 * Event (+ EventKey) is their de-duplication key. Menu buttons (CLICK) carry a key that we map to
 * what a customer would type.
 */
import { z } from 'zod'
import type { InboundMessage } from '../../bot/conversations/types.ts'
import type { InboundMedia } from '../../bot/conversations/media.ts'
import { parseInput } from '../../bot/http/json.ts'

const field = z.string().max(20_000).optional()

export const wechatMessageSchema = z.looseObject({
  ToUserName: z.string().min(1).max(100),
  FromUserName: z.string().min(1).max(100),
  CreateTime: z.string().regex(/^\d{1,12}$/),
  MsgType: z.string().min(1).max(40),
  MsgId: z
    .string()
    .regex(/^\d{1,30}$/)
    .optional(),
  Content: field,
  PicUrl: field,
  Recognition: field,
  Event: field,
  EventKey: field,
  MediaId: field,
  Title: field,
  Description: field,
  Url: field,
  Label: field,
  Location_X: z
    .string()
    .regex(/^-?\d{1,3}(\.\d+)?$/)
    .optional(),
  Location_Y: z
    .string()
    .regex(/^-?\d{1,3}(\.\d+)?$/)
    .optional(),
})

export type WechatMessage = z.infer<typeof wechatMessageSchema>

export const parseWechatMessage = (fields: Record<string, unknown>): WechatMessage => parseInput(wechatMessageSchema, fields)

/** Menu keys (set in 公众号后台 → 自定义菜单) with a meaning of their own; any other key is read as typed text. */
const MENU: Record<string, { text: string; payload?: string }> = {
  HUMAN: { text: '转人工', payload: 'handoff' },
  TICKETS: { text: '我的工单' },
}

/** Two different menu buttons pressed within one second are two messages: the key is part of an event's id. */
export function channelMessageIdOf(m: WechatMessage): string {
  return m.MsgId ?? [m.FromUserName, m.CreateTime, m.Event ?? m.MsgType, ...(m.EventKey ? [m.EventKey] : [])].join(':')
}

type Said = { text: string; payload?: string; media?: InboundMedia }

const coordinate = (v: string | undefined) => (v === undefined ? undefined : Number(v))

/** What the customer said or sent, or null when there is nothing for the bot to answer. */
function said(m: WechatMessage): Said | null {
  const ref = m.MediaId ? { ref: m.MediaId } : {}
  switch (m.MsgType) {
    case 'text':
      return { text: m.Content ?? '' }
    case 'image':
      return { text: '', media: { type: 'image', ...ref, ...(m.PicUrl ? { url: m.PicUrl } : {}) } }
    case 'voice':
      // Recognition is what they said; without 语音识别 there are no words, and the agent still sees a voice message came.
      return { text: m.Recognition?.trim() ?? '', media: { type: 'voice', ...ref } }
    case 'video':
    case 'shortvideo':
      return { text: '', media: { type: 'video', ...ref } }
    case 'location': {
      const lat = coordinate(m.Location_X)
      const lng = coordinate(m.Location_Y)
      return {
        text: '',
        media: { type: 'location', ...(m.Label ? { title: m.Label } : {}), ...(lat != null && lng != null ? { latitude: lat, longitude: lng } : {}) },
      }
    }
    case 'link':
      return {
        text: '',
        media: {
          type: 'link',
          ...(m.Title ? { title: m.Title } : {}),
          ...(m.Description ? { description: m.Description } : {}),
          ...(m.Url ? { url: m.Url } : {}),
        },
      }
    case 'event':
      if (m.Event === 'subscribe') return { text: '你好', payload: 'say:你好' } // a new follower is greeted like a hello
      // Another key is read as words the customer chose (a key may be a question), but as a press: its letters say nothing of their language.
      if (m.Event === 'CLICK' && m.EventKey) return MENU[m.EventKey] ?? { text: m.EventKey, payload: `say:${m.EventKey}` }
      return null
    default:
      // A message type WeChat added after this was written: kept, named by its type, for an agent to look at.
      return { text: m.Content ?? '', media: { type: 'other', title: m.MsgType, ...ref } }
  }
}

export function toInbound(m: WechatMessage): InboundMessage | null {
  const s = said(m)
  if (!s) return null
  return {
    channel: 'wechat',
    externalUserId: m.FromUserName,
    channelMessageId: channelMessageIdOf(m),
    text: s.text,
    ...(s.payload ? { payload: s.payload } : {}),
    ...(s.media ? { media: s.media } : {}),
    // The account's own id (gh_…) signs passive replies; the openid is the customer.
    // No receivedAt: the 48-hour window and every timer run on the server's clock, not CreateTime.
    address: { openid: m.FromUserName, account: m.ToUserName },
  }
}
