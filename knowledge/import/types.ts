/**
 * The shapes every knowledge-base file format parses into and serialises from.
 * Parsers are pure: bytes in, rows and per-row rejections out; the caller owns the
 * database and decides what a rejection means for the import as a whole.
 */

export type Format = 'jsonl' | 'csv' | 'xlsx' | 'markdown' | 'text'

export type EntryStatus = 'draft' | 'published'

export interface ImportRow {
  /** 1-based file line (JSONL/CSV/Markdown/text) or sheet row (XLSX) the row came from. */
  line: number
  /** Optional in the file: the importer derives a stable id from the question when missing. */
  id?: string
  question: string
  /** 相似问法: trimmed, no empties, no duplicates, order kept. */
  similarQuestions: string[]
  answer: string
  /** Up to 3 levels, outermost first. */
  categoryPath: string[]
  tags: string[]
  status?: EntryStatus
}

/** A row that could not be imported, with a plain English reason an admin can act on. */
export interface RejectedRow {
  line: number
  reason: string
}

export interface ParseResult {
  rows: ImportRow[]
  rejected: RejectedRow[]
  format: Format
}

/** What serialise() takes: an entry as the database holds it, no file position. */
export type ExportRow = Omit<ImportRow, 'line'>

/** Limits shared by every format, so a file accepted as CSV is accepted as JSONL too. */
export const LIMITS = {
  questionChars: 500,
  answerChars: 20_000,
  similarQuestions: 200,
  categoryLevels: 3,
} as const

/**
 * One row as a format found it, before validation. Values stay `unknown` because
 * JSONL can carry any JSON type there; CSV/XLSX/Markdown always give strings.
 */
export interface RawRow {
  line: number
  id?: unknown
  question?: unknown
  similarQuestions?: unknown
  answer?: unknown
  category?: unknown
  tags?: unknown
  status?: unknown
}

/** What a format-specific parser hands to the shared validation step. */
export type RawParse = { raw: RawRow[]; rejected: RejectedRow[] }
