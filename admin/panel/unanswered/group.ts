/**
 * Near-duplicate grouping of customer questions. Customers ask the same thing with a
 * particle more or less ("快递怎么还没到" / "我的快递怎么还没到啊"), so exact matching
 * would list one question ten times. Texts are normalised (Simplified, half-width, no
 * punctuation or emoji) and compared as sets of tokens — Chinese characters and
 * character pairs, English words without the filler ("can", "i", "with"…) — by the Dice
 * coefficient. Cheap and good at "same words, small edits"; it deliberately does not merge
 * paraphrases, which an admin should see apart. Plain bigram Jaccard ≥ 0.6 was tried first
 * and split "我的快递怎么还没到" from "快递怎么还没有到呢" (0.45); group.test.ts has the measurements.
 */
import { normalise } from '../../../knowledge/text/normalise.ts'

export const SIMILAR_AT = 0.65

// English words that say nothing about which question it is (they made "pay with PayPal" look like "pay with a card").
const FILLER = new Set(
  'a an the i you we my your our me it is are am be do does did can could will would should to of for with in on at by and or please how what when where why which'.split(
    ' ',
  ),
)

export interface Occurrence {
  text: string
  at: Date
  conversationId: number
  messageId: number
}

export interface Group<T extends Occurrence = Occurrence> {
  /** The most frequent wording (what an admin adds or dismisses). */
  sample: string
  /** Every normalised wording in the group: what a dismissal covers. */
  keys: string[]
  count: number
  lastSeen: Date
  items: T[]
}

/** The normalised text without spaces: one wording, whatever the script, width or punctuation. */
export function keyOf(text: string): string {
  return normalise(text).replace(/\s+/g, '')
}

/** Chinese characters and character pairs; English (and digit) words minus filler. */
export function tokens(text: string): Set<string> {
  const out = new Set<string>()
  for (const part of normalise(text).split(' ')) {
    if (!part) continue
    if (/^[a-z0-9]+$/.test(part)) {
      if (!FILLER.has(part)) out.add(part)
      continue
    }
    const chars = [...part]
    for (let i = 0; i < chars.length; i++) {
      out.add(chars[i]!)
      if (i + 1 < chars.length) out.add(chars[i]! + chars[i + 1]!)
    }
  }
  return out
}

export function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1
  let common = 0
  for (const x of a) if (b.has(x)) common++
  return (2 * common) / (a.size + b.size)
}

/**
 * Greedy single pass: wordings in order of frequency, each joins the first group whose
 * leading wording is similar enough. Frequent wordings become the groups' faces.
 */
export function groupSimilar<T extends Occurrence>(items: T[], threshold = SIMILAR_AT): Group<T>[] {
  const byKey = new Map<string, T[]>()
  for (const it of items) {
    const k = keyOf(it.text)
    if (!k) continue
    const list = byKey.get(k) ?? []
    list.push(it)
    byKey.set(k, list)
  }
  const wordings = [...byKey.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
  const groups: { grams: Set<string>; keys: string[]; items: T[] }[] = []
  for (const [key, list] of wordings) {
    const grams = tokens(list[0]!.text)
    const home = groups.find((g) => dice(g.grams, grams) >= threshold)
    if (home) {
      home.keys.push(key)
      home.items.push(...list)
    } else groups.push({ grams, keys: [key], items: [...list] })
  }
  return groups
    .map((g) => {
      const items = g.items.sort((a, b) => b.at.getTime() - a.at.getTime())
      return { sample: commonest(byKey.get(g.keys[0]!)!), keys: g.keys, count: items.length, lastSeen: items[0]!.at, items }
    })
    .sort((a, b) => b.count - a.count || b.lastSeen.getTime() - a.lastSeen.getTime())
}

/** The raw text typed most often for one wording (ties: the latest), so the sample reads as customers write it. */
function commonest(items: Occurrence[]): string {
  const seen = new Map<string, { n: number; at: number }>()
  for (const it of items) {
    const t = it.text.trim()
    const x = seen.get(t) ?? { n: 0, at: 0 }
    seen.set(t, { n: x.n + 1, at: Math.max(x.at, it.at.getTime()) })
  }
  return [...seen.entries()].sort((a, b) => b[1].n - a[1].n || b[1].at - a[1].at)[0]![0]
}
