/**
 * Markdown FAQ: each `##` heading is a question (or each `#` when the file has no `##`),
 * the text up to the next such heading its answer, kept as Markdown. A `#` heading above
 * `##` sections is their category. Inside a section, a `相似问法:` / `Similar:` line
 * followed by `- item` bullets lists similar questions and is taken out of the answer.
 */
import { splitLines } from './decode-text.ts'
import { splitSimilar } from './cell-lists.ts'
import { parseText } from './parse-text.ts'
import type { RawParse, RawRow } from './types.ts'

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/
const FENCE = /^ {0,3}(```|~~~)/
// Bold is stripped before matching, so "**相似问法：**" counts too.
const SIMILAR_LABEL = /^\s*(?:相似问法|相似问题|相似問法|相似問題|similar(?: questions)?)\s*[:：]\s*(.*)$/i
const BULLET = /^\s*[-*+]\s+(.*)$/

interface Heading {
  index: number
  level: number
  text: string
}

function findHeadings(lines: readonly string[]): Heading[] {
  const out: Heading[] = []
  let inFence = false // a "# comment" inside a code block is not a heading
  lines.forEach((line, index) => {
    if (FENCE.test(line)) inFence = !inFence
    const m = inFence ? null : HEADING.exec(line)
    if (m) out.push({ index, level: m[1]!.length, text: (m[2] ?? '').trim() })
  })
  return out
}

/** Section body → its similar questions and the answer with the similar block removed. */
export function takeSimilar(body: readonly string[]): { similar: string[]; answer: string[] } {
  const similar: string[] = []
  const answer: string[] = []
  for (let i = 0; i < body.length; i++) {
    const label = SIMILAR_LABEL.exec(body[i]!.replace(/\*\*|__/g, ''))
    if (!label) {
      answer.push(body[i]!)
      continue
    }
    similar.push(...splitSimilar(label[1]!)) // "相似问法: a | b" on one line works too
    let j = i + 1
    while (j < body.length && body[j]!.trim() === '' && similar.length === 0) j++ // blank lines before the first bullet
    for (let m: RegExpExecArray | null; j < body.length && (m = BULLET.exec(body[j]!)); j++) similar.push(m[1]!)
    i = j - 1 // bullets end at the first non-bullet line, so an answer's own list after a blank line stays
  }
  return { similar, answer }
}

export function parseMarkdown(text: string): RawParse {
  const lines = splitLines(text)
  const headings = findHeadings(lines)
  if (headings.length === 0) return parseText(text) // no structure: treat as paragraphs
  const questionLevel = headings.some((h) => h.level === 2) ? 2 : Math.min(...headings.map((h) => h.level))
  const raw: RawRow[] = []
  let category = ''
  headings.forEach((h, n) => {
    if (h.level < questionLevel) category = h.text
    if (h.level !== questionLevel) return // deeper headings (###) stay inside the answer
    let next = n + 1
    while (next < headings.length && headings[next]!.level > questionLevel) next++
    const end = headings[next]?.index ?? lines.length
    const { similar, answer } = takeSimilar(lines.slice(h.index + 1, end))
    raw.push({
      line: h.index + 1,
      question: h.text,
      similarQuestions: similar,
      answer: answer.join('\n'),
      category,
    })
  })
  return { raw, rejected: [] }
}
