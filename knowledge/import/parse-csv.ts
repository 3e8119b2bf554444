/**
 * CSV (or TSV) with a header row → raw rows. Decoding and BOM removal happen before this,
 * in decodeText. Positions are spreadsheet rows (what Excel/WPS show), as for XLSX: a CSV is
 * almost always made and checked in a spreadsheet, and a multi-line cell there is one row.
 */
import { unguardCell } from './csv-formula-guard.ts'
import { readCsv } from './read-csv.ts'
import { tableToRaw } from './table-columns.ts'
import type { RawParse } from './types.ts'

export function parseCsv(text: string): RawParse {
  const { records, errors } = readCsv(text)
  const table = tableToRaw(records.map((r) => ({ line: r.row, cells: r.cells.map(unguardCell) })))
  return { raw: table.raw, rejected: [...errors, ...table.rejected] }
}
