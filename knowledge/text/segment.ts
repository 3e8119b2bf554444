/**
 * Words of a normalised text. Chinese runs go through jieba (with the knowledge base's
 * own terms added to its dictionary, so "花呗" or a product name stays one word); Latin
 * words are stemmed; digits stay as they are.
 */
import { Jieba } from '@node-rs/jieba'
import { dict } from '@node-rs/jieba/dict.js'
import { stem } from './stem.ts'

const jieba = Jieba.withDict(dict)
const added = new Set<string>()
const HAN = /\p{Script=Han}/u
const RUN = /\p{Script=Han}+|[^\s\p{Script=Han}]+/gu

/**
 * Adds terms (admin synonyms, category names, tags) to the segmenter's dictionary.
 * jieba's dictionary is process-wide and only grows: a term once known stays a word,
 * which is harmless for terms that came from some knowledge base.
 */
export function addTerms(terms: Iterable<string>): number {
  const lines: string[] = []
  for (const t of terms) {
    const term = t.trim()
    if (term.length < 2 || term.length > 20 || /\s/.test(term) || added.has(term) || !HAN.test(term)) continue
    added.add(term)
    lines.push(`${term} 2000 n`)
  }
  if (lines.length > 0) jieba.loadDict(Buffer.from(`${lines.join('\n')}\n`))
  return lines.length
}

/** Words of an already normalised text, in order. */
export function words(normalised: string): string[] {
  const out: string[] = []
  for (const run of normalised.match(RUN) ?? []) {
    if (HAN.test(run)) {
      for (const w of jieba.cut(run, true)) if (w.trim()) out.push(w)
    } else {
      out.push(stem(run))
    }
  }
  return out
}
