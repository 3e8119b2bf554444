/**
 * How a customer sounds: a complaint (投诉 — they want it on record and handled as one) or
 * anger without one. The turn offers a person or a ticket for either (classify.ts); the
 * hand-off then names it, so the agent reads "投诉" and not "客户要求转人工"
 * (bot/handoff/requestHandoff.ts). Text is compared normalised, as classify does.
 */
import { normalise } from '../../knowledge/text/normalise.ts'

export const COMPLAINT_WORDS = ['投诉', '差评', '举报', '12315', '态度太差', 'complaint']
export const ANGER_WORDS = [
  '垃圾',
  '骗子',
  '太差',
  '生气',
  '气死',
  '愤怒',
  '什么破',
  '坑人',
  '无语',
  '退钱',
  'angry',
  'terrible',
  'worst',
  'scam',
  'ridiculous',
  'unacceptable',
  'furious',
]

export type Tone = 'complaint' | 'angry'

/** 'complaint' outranks 'angry'; three or more exclamation marks are anger too. */
export function toneOf(text: string): Tone | null {
  const t = normalise(text)
  const has = (words: string[]) => words.some((w) => t.includes(normalise(w)))
  if (has(COMPLAINT_WORDS)) return 'complaint'
  if (has(ANGER_WORDS) || /[!！]{3,}/.test(text)) return 'angry'
  return null
}
