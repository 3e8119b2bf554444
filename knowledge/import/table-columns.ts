/**
 * Header row → column positions, for the two table formats (CSV and XLSX). Admins write
 * headers in English, Simplified or Traditional Chinese, in any case and order; columns
 * we don't know are ignored so a sheet can carry their own notes.
 */
import type { RawParse, RawRow } from './types.ts'

export type Field = keyof Omit<RawRow, 'line'>

const HEADER_NAMES: Record<Field, readonly string[]> = {
  id: ['id', '编号', '編號'],
  question: ['question', 'standard question', '标准问题', '標準問題', '问题', '問題'],
  similarQuestions: ['similar_questions', 'similar questions', 'similar', '相似问法', '相似問法', '相似问题', '相似問題'],
  answer: ['answer', '答案'],
  category: ['category', 'category_path', '分类', '分類'],
  tags: ['tags', 'tag', '标签', '標籤', '標簽'],
  status: ['status', '状态', '狀態'],
}

const byName = new Map<string, Field>()
for (const [field, names] of Object.entries(HEADER_NAMES) as [Field, readonly string[]][]) {
  for (const name of names) byName.set(name, field)
}

/** "Similar Questions ", "SIMILAR_QUESTIONS" and "similar-questions" all name one column. */
const key = (header: string): string =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')

export function fieldForHeader(header: string): Field | undefined {
  const k = key(header)
  return byName.get(k) ?? byName.get(k.replace(/ /g, '_'))
}

export interface TableRecord {
  line: number
  cells: string[]
}

/**
 * Records with the header first → raw rows. A file without a question or answer column
 * is rejected as a whole on the header's line: no row could be read from it.
 */
export function tableToRaw(records: readonly TableRecord[]): RawParse {
  const out: RawParse = { raw: [], rejected: [] }
  const [header, ...body] = records
  if (header === undefined) return out
  const columns = new Map<Field, number>()
  header.cells.forEach((cell, i) => {
    const field = fieldForHeader(cell)
    if (field !== undefined && !columns.has(field)) columns.set(field, i) // first of a repeated header wins
  })
  const missing = (['question', 'answer'] as const).filter((f) => !columns.has(f))
  if (missing.length > 0) {
    const expected = missing.map((f) => `${f} (${HEADER_NAMES[f].filter((n) => !n.includes(' ')).join('/')})`)
    out.rejected.push({ line: header.line, reason: `header row has no ${expected.join(' or ')} column` })
    return out
  }
  for (const { line, cells } of body) {
    if (cells.every((c) => c.trim() === '')) continue
    // Values past the header's last column usually mean an unquoted comma split a cell.
    const extra = cells.slice(header.cells.length).filter((c) => c.trim() !== '')
    if (extra.length > 0) {
      out.rejected.push({
        line,
        reason: `row has ${cells.length} cells but the header has ${header.cells.length} (an unquoted comma inside a cell?)`,
      })
      continue
    }
    const raw: RawRow = { line }
    for (const [field, index] of columns) raw[field] = cells[index] ?? ''
    out.raw.push(raw)
  }
  return out
}
