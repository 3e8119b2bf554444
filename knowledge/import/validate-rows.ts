/**
 * The one validation step every format goes through, so the rules (and the wording of
 * the reasons an admin reads) are the same whatever file they uploaded.
 */
import { cleanList, cleanPath, splitCategory, splitSimilar, splitTags } from './cell-lists.ts'
import { LIMITS } from './types.ts'
import type { EntryStatus, Format, ImportRow, ParseResult, RawParse, RawRow } from './types.ts'

/** Length as a person counts it: an emoji or a CJK character is one, not two. */
const charCount = (s: string): number => [...s].length
const fmt = (n: number): string => n.toLocaleString('en-US')
/** CRLF/CR are how a file stores line breaks, not content: every format yields "\n" (XLSX already does). */
const unixLines = (s: string): string => s.replace(/\r\n?/g, '\n')

// Spreadsheets written by Chinese-speaking admins often say 草稿 / 已发布 instead.
const STATUS_WORDS: Record<string, EntryStatus> = {
  draft: 'draft',
  草稿: 'draft',
  published: 'published',
  发布: 'published',
  已发布: 'published',
  發布: 'published',
  已發布: 'published',
  發佈: 'published',
  已發佈: 'published',
}

/** "a list", "an object", "null": what an admin is told they wrote instead of text. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'a list'
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`
}

/** Text field: strings as-is, numbers (e.g. a numeric id in JSONL) as their digits. */
function text(v: unknown, field: string, errors: string[]): string {
  if (v === undefined || v === null) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  errors.push(`${field} must be text, not ${describeValue(v)}`)
  return ''
}

type Cleaner = (items: readonly string[]) => string[]

/** List field: a JSON array of texts (cleaned), or one text cell split by the format's rule. */
function list(v: unknown, field: string, split: (s: string) => string[], clean: Cleaner, errors: string[]): string[] {
  if (!Array.isArray(v)) return split(text(v, field, errors))
  return clean(v.map((item, i) => text(item, `${field}[${i}]`, errors)))
}

/** One raw row → a clean ImportRow, or every reason it cannot be one, joined. */
export function validateRow(raw: RawRow): ImportRow | { reason: string } {
  const errors: string[] = []
  const id = text(raw.id, 'id', errors).trim()
  const question = unixLines(text(raw.question, 'question', errors)).trim()
  const answer = unixLines(text(raw.answer, 'answer', errors)).trim()
  const similarQuestions = list(raw.similarQuestions, 'similar_questions', splitSimilar, cleanList, errors)
  const categoryPath = list(raw.category, 'category', splitCategory, cleanPath, errors)
  const tags = list(raw.tags, 'tags', splitTags, cleanList, errors)
  const statusText = text(raw.status, 'status', errors).trim()
  const status = STATUS_WORDS[statusText.toLowerCase()]

  if (question === '') errors.push('question is empty')
  else if (charCount(question) > LIMITS.questionChars) errors.push(`question is ${fmt(charCount(question))} characters (max ${LIMITS.questionChars})`)
  if (answer === '') errors.push('answer is empty')
  else if (charCount(answer) > LIMITS.answerChars) errors.push(`answer is ${fmt(charCount(answer))} characters (max ${fmt(LIMITS.answerChars)})`)
  if (similarQuestions.length > LIMITS.similarQuestions) errors.push(`${similarQuestions.length} similar questions (max ${LIMITS.similarQuestions})`)
  similarQuestions.forEach((q, i) => {
    if (charCount(q) > LIMITS.questionChars) errors.push(`similar question ${i + 1} is ${fmt(charCount(q))} characters (max ${LIMITS.questionChars})`)
  })
  if (categoryPath.length > LIMITS.categoryLevels) errors.push(`category has ${categoryPath.length} levels (max ${LIMITS.categoryLevels})`)
  if (statusText !== '' && status === undefined) errors.push(`status "${statusText}" is not draft or published`)

  if (errors.length > 0) return { reason: errors.join('; ') }
  const row: ImportRow = { line: raw.line, question, similarQuestions, answer, categoryPath, tags }
  if (id !== '') row.id = id
  if (status !== undefined) row.status = status
  return row
}

/** Validate every raw row, reject repeated ids (the first one wins), order by line. */
export function finishParse({ raw, rejected }: RawParse, format: Format): ParseResult {
  const rows: ImportRow[] = []
  const allRejected = [...rejected]
  const firstLineOfId = new Map<string, number>()
  for (const r of raw) {
    const result = validateRow(r)
    if ('reason' in result) {
      allRejected.push({ line: r.line, reason: result.reason })
      continue
    }
    const first = result.id === undefined ? undefined : firstLineOfId.get(result.id)
    if (first !== undefined) {
      allRejected.push({ line: r.line, reason: `duplicate id ${result.id} (first seen on line ${first})` })
      continue
    }
    if (result.id !== undefined) firstLineOfId.set(result.id, r.line)
    rows.push(result)
  }
  allRejected.sort((a, b) => a.line - b.line)
  return { rows, rejected: allRejected, format }
}
