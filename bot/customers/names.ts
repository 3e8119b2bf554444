/**
 * The name an agent sees for a customer — never an opaque id: the name on their profile,
 * else the display name a channel gave (WeChat nickname, Telegram first name), else the
 * channel and the end of their id ("微信客户 ·3f2a"), which still tells two apart.
 */
import type { Channel, Locale } from '../conversations/types.ts'

const CHANNEL_CUSTOMER: Record<Channel, [zh: string, en: string]> = {
  webchat: ['网页访客', 'Web visitor'],
  wechat: ['微信客户', 'WeChat customer'],
  wechaty: ['微信客户', 'WeChat customer'],
  telegram: ['Telegram 客户', 'Telegram customer'],
  teams: ['Teams 客户', 'Teams customer'],
}

export function readableName(c: { id: string; name: string | null; identityName?: string | null; channel?: string | null }, locale: Locale): string {
  const given = c.name?.trim() || c.identityName?.trim()
  if (given) return given
  const words = CHANNEL_CUSTOMER[c.channel as Channel] ?? ['客户', 'Customer']
  return `${words[locale === 'en' ? 1 : 0]} ·${c.id.slice(-4)}`
}
