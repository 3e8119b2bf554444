/**
 * Export: entries → file bytes, in a format that parseFile reads back to the same rows.
 * JSONL matches the benchmark kb.jsonl shape; CSV carries a UTF-8 BOM so Excel shows
 * Chinese correctly; XLSX is one sheet with wrapped multi-line cells.
 */
import ExcelJS from 'exceljs'
import { canJoinCategoryWithSlash } from './cell-lists.ts'
import { guardCell } from './csv-formula-guard.ts'
import { EXPORT_HEADER, rowToCells } from './export-columns.ts'
import type { ExportRow } from './types.ts'

const encoder = new TextEncoder()

export function serialiseJsonl(rows: readonly ExportRow[]): Uint8Array {
  const lines = rows.map((row) => {
    const path = row.categoryPath
    // Key order and the plain "a/b/c" category string follow kb.jsonl; extras only when set.
    return JSON.stringify({
      id: row.id,
      question: row.question,
      similar_questions: row.similarQuestions,
      answer: row.answer,
      category: canJoinCategoryWithSlash(path) ? path.join('/') : path,
      tags: row.tags.length > 0 ? row.tags : undefined,
      status: row.status,
    })
  })
  return encoder.encode(lines.map((l) => `${l}\n`).join(''))
}

function csvField(value: string): string {
  const v = guardCell(value)
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

export function serialiseCsv(rows: readonly ExportRow[]): Uint8Array {
  // CRLF between records, as Excel writes; line breaks inside quoted cells stay as they are.
  const records = [[...EXPORT_HEADER], ...rows.map(rowToCells)].map((cells) => cells.map(csvField).join(','))
  return encoder.encode(`\uFEFF${records.join('\r\n')}\r\n`)
}

/**
 * XLSX text is XML, which cannot carry most control characters (real data has stray
 * "\b"s); OOXML writes them as "_xHHHH_", and readers (Excel, exceljs) decode every such
 * pattern. So a literal "_x000D_" first gets its "_" escaped as "_x005F_", then control
 * characters are escaped. exceljs's writer does neither and would drop them.
 */
export function escapeXlsxText(value: string): string {
  return (
    value
      .replace(/_x([0-9A-F]{4})_/g, '_x005F_x$1_')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping exactly these control characters is the point (XLSX cannot hold them raw)
      .replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
  )
}

export async function serialiseXlsx(rows: readonly ExportRow[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('knowledge', { views: [{ state: 'frozen', ySplit: 1 }] })
  const widths = [14, 40, 40, 60, 24, 20, 12]
  sheet.columns = EXPORT_HEADER.map((header, i) => ({ header, key: header, width: widths[i] }))
  sheet.getRow(1).font = { bold: true }
  // Strings are written as string cells, never formulas, so no formula guard is needed here.
  for (const row of rows) sheet.addRow(rowToCells(row).map(escapeXlsxText)).alignment = { wrapText: true, vertical: 'top' }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

export async function serialise(rows: readonly ExportRow[], format: 'jsonl' | 'csv' | 'xlsx'): Promise<Uint8Array> {
  if (format === 'jsonl') return serialiseJsonl(rows)
  if (format === 'csv') return serialiseCsv(rows)
  return serialiseXlsx(rows)
}
