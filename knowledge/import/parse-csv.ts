/**
 * CSV (or TSV) with a header row → raw rows. Decoding and BOM removal happen before this,
 * in decodeText; line numbers are the file lines where each record starts.
 */
import { unguardCell } from './csv-formula-guard.ts'
import { readCsv } from './read-csv.ts'
import { tableToRaw } from './table-columns.ts'
import type { RawParse } from './types.ts'

export function parseCsv(text: string): RawParse {
  const { records, errors } = readCsv(text)
  const table = tableToRaw(records.map((r) => ({ line: r.line, cells: r.cells.map(unguardCell) })))
  return { raw: table.raw, rejected: [...errors, ...table.rejected] }
}
