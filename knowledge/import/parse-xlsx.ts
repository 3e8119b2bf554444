/**
 * XLSX: the first sheet, same header rules as CSV, line = sheet row number (what Excel
 * shows in its left margin). exceljs is pure JS, so this runs anywhere Node does.
 */
import ExcelJS from 'exceljs'
import { tableToRaw } from './table-columns.ts'
import type { TableRecord } from './table-columns.ts'
import type { RawParse } from './types.ts'

/** Whatever a cell holds (rich text, formula, hyperlink, date…) → the text a person sees in it. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>
    if (Array.isArray(v.richText)) return v.richText.map((run: { text?: unknown }) => cellText(run.text)).join('')
    if ('result' in v) return cellText(v.result) // formula: the value Excel last computed
    if ('formula' in v || 'sharedFormula' in v) return '' // formula never computed: nothing to show
    if ('error' in v) return '' // #N/A, #REF!…: the cell shows no usable text
    if ('text' in v) return cellText(v.text) // hyperlink
  }
  return String(value)
}

const ZIP = [0x50, 0x4b, 0x03, 0x04]
const OLE = [0xd0, 0xcf, 0x11, 0xe0] // Excel 97–2003 .xls and other old Office files

function fileLevel(reason: string): RawParse {
  return { raw: [], rejected: [{ line: 1, reason }] }
}

export async function parseXlsx(bytes: Uint8Array): Promise<RawParse> {
  if (OLE.every((b, i) => bytes[i] === b)) {
    return fileLevel('this is an old Excel 97–2003 (.xls) file; save it as .xlsx and upload again')
  }
  if (!ZIP.every((b, i) => bytes[i] === b)) return fileLevel('not an XLSX file (it is not a ZIP archive)')
  const workbook = new ExcelJS.Workbook()
  try {
    // exceljs types its input as its own Buffer alias; a Node Buffer over the same memory is what it reads.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never)
  } catch (err) {
    return fileLevel(`not a readable XLSX file: ${(err as Error).message}`)
  }
  const sheet = workbook.worksheets[0]
  if (sheet === undefined) return fileLevel('the workbook has no sheets')
  const records: TableRecord[] = []
  sheet.eachRow({ includeEmpty: false }, (row) => {
    // row.values is 1-based (index 0 unused) and sparse where cells are empty.
    const values = row.values as unknown[]
    const cells = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1]))
    records.push({ line: row.number, cells })
  })
  return tableToRaw(records)
}
