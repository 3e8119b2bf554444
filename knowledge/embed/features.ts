/**
 * Sparse lexical features of one normalised text, by family:
 *   w: word (jieba word or stemmed English word)   b: word bigram
 *   h: Chinese character n-gram (1–3)   c: Latin character n-gram (3–5 inside " word ")
 * Families are kept apart so the model can weight them separately: characters survive
 * typos and segmentation mistakes, words and bigrams carry the precise meaning.
 */
import { words } from '../text/segment.ts'
import { isStopWord } from '../text/stopwords.ts'

export type Features = Map<string, number>
const HAN = /\p{Script=Han}/u

export function features(normalised: string): Features {
  const out: Features = new Map()
  const add = (t: string) => out.set(t, (out.get(t) ?? 0) + 1)
  const ws = words(normalised).filter((w) => !isStopWord(w))
  for (let i = 0; i < ws.length; i++) {
    add(`w:${ws[i]}`)
    if (i + 1 < ws.length) add(`b:${ws[i]}_${ws[i + 1]}`)
  }
  for (const token of normalised.split(' ')) {
    if (!token) continue
    if (HAN.test(token)) hanGrams(token, add)
    else latinGrams(token, add)
  }
  return out
}

function hanGrams(s: string, add: (t: string) => void) {
  const cs = Array.from(s)
  for (let n = 1; n <= 3; n++) for (let i = 0; i + n <= cs.length; i++) add(`h:${cs.slice(i, i + n).join('')}`)
}

// Boundary-marked grams: " car" and "card" differ from "scar"; short words are whole.
function latinGrams(word: string, add: (t: string) => void) {
  const s = ` ${word} `
  if (s.length <= 5) return add(`c:${s}`)
  for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= s.length; i++) add(`c:${s.slice(i, i + n)}`)
}
