/**
 * Canonical form of any text before it is matched: customers type Traditional or
 * Simplified, full-width or half-width, with emoji and stray punctuation. Both the
 * knowledge base and the query go through here, so only the meaning-bearing part is
 * compared. Never throws: junk in, (possibly empty) string out.
 */
import * as OpenCC from 'opencc-js'

/** Longer input is cut: a customer message past this is no longer a question to match. */
export const MAX_CHARS = 1000

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' })

// Control characters, private-use and unassigned code points, lone surrogates: binary junk.
const JUNK = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}]/gu
// Emoji and pictographs carry tone, not the question.
// Alternation, not a class: U+FE0F (emoji presentation) and U+20E3 (keycap) are combining marks, stripped on their own.
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u{FE0F}|\u{20E3}/gu
// Everything that is neither a letter nor a number becomes a word break.
const NON_WORD = /[^\p{L}\p{N}]+/gu

// A turn normalises the same texts many times (the message in classify, tone, search and
// the ticket checks; every phrase of the word lists it is matched against), and the
// Traditional→Simplified pass is most of a turn's text work: short texts are remembered.
const REMEMBERED = 4096
const REMEMBER_UP_TO = 200
const recent = new Map<string, string>()

export function normalise(input: unknown): string {
  if (typeof input !== 'string' || input.length === 0) return ''
  if (input.length > REMEMBER_UP_TO) return normaliseNow(input)
  let out = recent.get(input)
  if (out === undefined) {
    out = normaliseNow(input)
    if (recent.size >= REMEMBERED) recent.delete(recent.keys().next().value!)
    recent.set(input, out)
  }
  return out
}

function normaliseNow(input: string): string {
  let s = input.length > MAX_CHARS * 2 ? input.slice(0, MAX_CHARS * 2) : input
  s = s.normalize('NFKC') // full-width → half-width, compatibility forms → plain
  s = s.replace(JUNK, ' ').replace(EMOJI, ' ')
  s = toSimplified(s).toLowerCase()
  s = s.replace(/['’]/g, '') // "don't" → "dont", one token as customers type it
  s = s.replace(NON_WORD, ' ').trim().replace(/\s+/g, ' ')
  return s.length > MAX_CHARS ? s.slice(0, MAX_CHARS) : s
}

/** True when nothing matchable is left (empty, whitespace, punctuation or junk only). */
export function isBlank(normalised: string): boolean {
  return normalised.length === 0
}
