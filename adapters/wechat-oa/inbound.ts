/**
 * A WeChat message or event → the bot's InboundMessage (or null for what the bot does
 * not answer: unsubscribe, location reports, menu links…). Customers can send text,
 * pictures (agents get the picture's link) and voice (WeChat's own recognition text).
 * WeChat retries with the same MsgId; events have none, so FromUserName + CreateTime +
 * Event is their de-duplication key. Menu buttons (CLICK) carry a key that we map to
 * what a customer would type.
 */
import { z } from 'zod'
import type { InboundMessage } from '../../bot/conversations/types.ts'
import { parseInput } from '../../bot/http/json.ts'

const field = z.string().max(20_000).optional()

export const wechatMessageSchema = z.looseObject({
  ToUserName: z.string().min(1).max(100),
  FromUserName: z.string().min(1).max(100),
  CreateTime: z.string().regex(/^\d{1,12}$/),
  MsgType: z.string().min(1).max(40),
  MsgId: z.string().regex(/^\d{1,30}$/).optional(),
  Content: field,
  PicUrl: field,
  Recognition: field,
  Event: field,
  EventKey: field,
})

export type WechatMessage = z.infer<typeof wechatMessageSchema>

export const parseWechatMessage = (fields: Record<string, unknown>): WechatMessage => parseInput(wechatMessageSchema, fields)

/** Menu keys (set in 公众号后台 → 自定义菜单) with a meaning of their own; any other key is read as typed text. */
const MENU: Record<string, { text: string; payload?: string }> = {
  HUMAN: { text: '转人工', payload: 'handoff' },
  TICKETS: { text: '我的工单' },
}

export function channelMessageIdOf(m: WechatMessage): string {
  return m.MsgId ?? `${m.FromUserName}:${m.CreateTime}:${m.Event ?? m.MsgType}`
}

/** What the customer said, or null when there is nothing for the bot to answer. */
function said(m: WechatMessage): { text: string; payload?: string } | null {
  switch (m.MsgType) {
    case 'text':
      return { text: m.Content ?? '' }
    case 'image':
      return { text: m.PicUrl ? `[图片] ${m.PicUrl}` : '[图片]' }
    case 'voice':
      // Without 语音识别 turned on there is no text; the agent still sees that a voice message came.
      return { text: m.Recognition?.trim() || '[语音]' }
    case 'event':
      if (m.Event === 'subscribe') return { text: '你好', payload: 'say:你好' } // a new follower is greeted like a hello
      if (m.Event === 'CLICK' && m.EventKey) return MENU[m.EventKey] ?? { text: m.EventKey }
      return null
    default:
      return null
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
    // The account's own id (gh_…) signs passive replies; the openid is the customer.
    // No receivedAt: the 48-hour window and every timer run on the server's clock, not CreateTime.
    address: { openid: m.FromUserName, account: m.ToUserName },
  }
}
