/**
 * Rating scales. three: 满意 / 基本满意 / 不满意 (the default; reply 1, 2 or 3 in that order);
 * five: 1–5, 5 best. Every score maps to a level (satisfied, basic, dissatisfied) so the
 * reports compare across scales. A stored score is "higher is better" on its scale.
 */
import { normalise } from '../../knowledge/text/normalise.ts'
import type { Button, Locale } from '../conversations/types.ts'
import { sayT } from '../tickets/phrases.ts'
import type { LEVELS, SCALES } from './rows.ts'

export type Scale = (typeof SCALES)[number]
export type Level = (typeof LEVELS)[number]

const THREE: { score: number; level: Level }[] = [
  { score: 3, level: 'satisfied' },
  { score: 2, level: 'basic' },
  { score: 1, level: 'dissatisfied' },
]

export const maxScore = (scale: Scale) => (scale === 'three' ? 3 : 5)

export function levelOf(scale: Scale, score: number): Level {
  if (scale === 'three') return THREE.find((o) => o.score === score)!.level
  return score >= 4 ? 'satisfied' : score === 3 ? 'basic' : 'dissatisfied'
}

/** The buttons, best first; payload sv:<survey>:<score>. */
export function ratingButtons(scale: Scale, surveyId: number, locale: Locale): Button[] {
  if (scale === 'three') return THREE.map((o) => ({ label: sayT(o.level, locale), payload: `sv:${surveyId}:${o.score}` }))
  return [5, 4, 3, 2, 1].map((s) => ({ label: locale === 'zh' ? `${s} 分` : `${s}`, payload: `sv:${surveyId}:${s}` }))
}

export const scaleHint = (scale: Scale, locale: Locale) => sayT(scale === 'three' ? 'scaleHintThree' : 'scaleHintFive', locale)

export type ParsedRating = { kind: 'rating'; score: number; comment: string | null } | { kind: 'outOfScale' } | null

const WORDS: [RegExp, Level][] = [
  [/^(不满意|很不满意|非常不满意|dissatisfied|unsatisfied|not satisfied)/, 'dissatisfied'],
  [/^(基本满意|还行|一般|basically satisfied|ok|okay)/, 'basic'],
  [/^(满意|非常满意|很满意|satisfied|very satisfied)/, 'satisfied'],
]

/**
 * A typed answer: "1", "3 客服态度不好", "满意", "不满意，还是坏的". Anything else is not a
 * rating (null) and goes on to the bot. A bare number off the scale is "outOfScale".
 */
export function parseRating(text: string, scale: Scale): ParsedRating {
  const t = normalise(text).trim()
  const num = t.match(/^(\d{1,2})(?:\s*分)?(?:$|[\s,.;:!、，。；：！]+(.*)$)/s)
  if (num) {
    const n = Number(num[1])
    if (n < 1 || n > maxScore(scale)) return { kind: 'outOfScale' }
    // The three-point scale is read in the order it is shown: 1 满意, 2 基本满意, 3 不满意.
    const score = scale === 'three' ? THREE[n - 1]!.score : n
    return { kind: 'rating', score, comment: num[2]?.trim() || null }
  }
  for (const [re, level] of WORDS) {
    const m = t.match(re)
    if (!m) continue
    const rest = t.slice(m[0].length)
    if (rest && !/^[\s,.;:!、，。；：！]/.test(rest)) return null
    const score = scale === 'three' ? THREE.find((o) => o.level === level)!.score : level === 'satisfied' ? 5 : level === 'basic' ? 3 : 1
    return { kind: 'rating', score, comment: rest.replace(/^[\s,.;:!、，。；：！]+/, '').trim() || null }
  }
  return null
}
