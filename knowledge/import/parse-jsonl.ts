/**
 * JSONL: one entry per line, in the shape of the benchmark kb.jsonl files
 * ({"id","question","similar_questions":[…],"answer","category"}) plus optional
 * "tags" and "status". Each line stands alone, so one broken line costs one row.
 */
import { splitLines } from './decode-text.ts'
import { describeValue } from './validate-rows.ts'
import type { RawParse, RawRow } from './types.ts'

// Names other tools (and our own TypeScript shapes) use for the same fields.
const ALIASES: Record<keyof Omit<RawRow, 'line'>, readonly string[]> = {
  id: ['id'],
  question: ['question'],
  similarQuestions: ['similar_questions', 'similarQuestions'],
  answer: ['answer'],
  category: ['category', 'category_path', 'categoryPath'],
  tags: ['tags'],
  status: ['status'],
}

function pick(obj: Record<string, unknown>, names: readonly string[]): unknown {
  for (const name of names) if (Object.hasOwn(obj, name)) return obj[name]
  return undefined
}

export function parseJsonl(text: string): RawParse {
  const result: RawParse = { raw: [], rejected: [] }
  splitLines(text).forEach((content, i) => {
    const line = i + 1
    if (content.trim() === '') return
    let value: unknown
    try {
      value = JSON.parse(content)
    } catch (err) {
      result.rejected.push({ line, reason: `invalid JSON: ${(err as Error).message}` })
      return
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      result.rejected.push({ line, reason: `line is ${describeValue(value)}, not a JSON object` })
      return
    }
    const obj = value as Record<string, unknown>
    const raw: RawRow = { line }
    for (const [field, names] of Object.entries(ALIASES)) {
      raw[field as keyof typeof ALIASES] = pick(obj, names)
    }
    result.raw.push(raw)
  })
  return result
}
