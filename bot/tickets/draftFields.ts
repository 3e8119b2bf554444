/**
 * What each kind of ticket needs to know — and nothing more. A repair needs the product,
 * model, address, phone and a time; a complaint only what happened. Contact points the
 * customer profile already holds are not asked again.
 */
import { normalise } from '../../knowledge/text/normalise.ts'
import type { TicketType } from './types.ts'

export type DraftField = 'description' | 'product' | 'model' | 'address' | 'phone' | 'preferredTime' | 'orderNo'

export const FIELDS_BY_TYPE: Record<TicketType, DraftField[]> = {
  complaint: ['description'],
  repair: ['product', 'model', 'address', 'phone', 'preferredTime'],
  return_refund: ['orderNo', 'description'],
  enquiry: ['description'],
  suggestion: ['description'],
  other: ['description'],
}

/** Fields kept on the customer: collected once, re-used on every later ticket. */
export const PROFILE_FIELDS = { phone: 'phone', address: 'address' } as const

const HINTS: [TicketType, string[]][] = [
  ['repair', ['报修', '维修', '修理', '坏了', '故障', '不能用', '打不开', '不工作', 'repair', 'broken', 'not working', 'fault']],
  ['return_refund', ['退货', '退款', '换货', '退换', 'refund', 'return']],
  ['complaint', ['投诉', '态度', '差评', '太差', '生气', 'complain', 'complaint', 'terrible', 'rude']],
  ['suggestion', ['建议', '希望你们', 'suggest', 'suggestion']],
]

/** Guess the ticket type from what the customer said; null when unsure (then we ask). */
export function guessType(texts: string[]): TicketType | null {
  const t = normalise(texts.join(' '))
  for (const [type, words] of HINTS) if (words.some((w) => t.includes(normalise(w)))) return type
  return null
}

/** A phone number as people type it: digits with optional +, spaces, dashes; 7–15 digits. */
export function cleanPhone(text: string): string | null {
  const s = text.replace(/[\s\-()（）]/g, '')
  return /^\+?\d{7,15}$/.test(s) ? s : null
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone
}

const CANCEL = ['取消', '算了', '不用了', '不登记了', 'cancel', 'never mind', 'stop']
export const isCancel = (text: string) => {
  const t = normalise(text)
  return t.length <= 10 && CANCEL.some((w) => t.includes(normalise(w)))
}
