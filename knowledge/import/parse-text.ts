/**
 * Plain text: a pasted FAQ or policy document. Each paragraph (blank-line separated)
 * becomes one passage: its opening words are the question it is found by, the whole
 * paragraph the answer. Crude, but it gets an unstructured document searchable; admins
 * refine the questions afterwards.
 */
import { splitLines } from './decode-text.ts'
import type { RawParse } from './types.ts'

export const TEXT_QUESTION_MAX_CHARS = 80

// A sentence ends at Chinese or Western terminal punctuation; "." only before a space or
// the end, so "3.5" and "example.com" don't end one.
const FIRST_SENTENCE = /^.*?(?:[。！？!?]|\.(?=\s|$))/u

export function firstSentence(s: string): string {
  return FIRST_SENTENCE.exec(s)?.[0] ?? s
}

/** The question a paragraph is found by: its title line, else its first sentence, capped. */
export function passageQuestion(lines: readonly string[]): string {
  const first = lines[0]!.trim()
  const candidate = lines.length > 1 && [...first].length <= TEXT_QUESTION_MAX_CHARS ? first : firstSentence(first)
  return [...candidate].slice(0, TEXT_QUESTION_MAX_CHARS).join('').trim()
}

/** Lines (with their 1-based numbers) → paragraphs, each remembering the line it starts on. */
export function paragraphs(lines: readonly string[], firstLine = 1): { line: number; lines: string[] }[] {
  const out: { line: number; lines: string[] }[] = []
  let current: { line: number; lines: string[] } | undefined
  lines.forEach((content, i) => {
    if (content.trim() === '') {
      current = undefined
      return
    }
    if (current === undefined) out.push((current = { line: firstLine + i, lines: [] }))
    current.lines.push(content)
  })
  return out
}

export function parseText(text: string): RawParse {
  const raw = paragraphs(splitLines(text)).map((p) => ({
    line: p.line,
    question: passageQuestion(p.lines),
    answer: p.lines.join('\n'),
  }))
  return { raw, rejected: [] }
}
