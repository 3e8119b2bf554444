/** Knowledge-base file import and export: pure functions, no database. */
export { detectFormat, sniffFormat } from './detect-format.ts'
export { parseFile } from './parse-file.ts'
export { serialise } from './serialise.ts'
export { LIMITS } from './types.ts'
export type { EntryStatus, ExportRow, Format, ImportRow, ParseResult, RejectedRow } from './types.ts'
