/**
 * Follow-up questions only make sense with the turn before: 「寄到上海要几天」 then
 * 「那北京呢？」, or 「怎么寄件」 then 「上门取件收费吗」. A message reads as a follow-up when
 * it is short or opens / closes with the words people use for one (那…呢, 还有, what about);
 * it is then searched again with the previous question in front of it.
 */
import { normalise } from '../../knowledge/text/normalise.ts'

const SHORT = 8
const CUE = /^(那|那么|那如果|还有|另外|然后|如果是|要是|and|what about|how about|also)|(呢|吗呢)$/

/** The text to search for a follow-up (previous question, then this one), or null when it is not one. */
export function followUpText(text: string, previous: string | null): string | null {
  if (!previous) return null
  const t = normalise(text)
  const p = normalise(previous)
  if (!t || !p || p === t) return null
  const short = t.replace(/\s/g, '').length <= SHORT
  if (!short && !CUE.test(t)) return null
  return `${p} ${t}`
}
