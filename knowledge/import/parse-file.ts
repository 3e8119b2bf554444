/**
 * The import entry point: bytes + format → validated rows and per-row rejections.
 * Never throws for bad content — a broken file becomes a rejection the admin can read.
 */
import { decodeText } from './decode-text.ts'
import { parseCsv } from './parse-csv.ts'
import { parseJsonl } from './parse-jsonl.ts'
import { parseMarkdown } from './parse-markdown.ts'
import { parseText } from './parse-text.ts'
import { parseXlsx } from './parse-xlsx.ts'
import { finishParse } from './validate-rows.ts'
import type { Format, ParseResult, RawParse } from './types.ts'

async function parseRaw(bytes: Uint8Array, format: Format): Promise<RawParse> {
  if (format === 'xlsx') return parseXlsx(bytes)
  const { text } = decodeText(bytes)
  switch (format) {
    case 'jsonl':
      return parseJsonl(text)
    case 'csv':
      return parseCsv(text)
    case 'markdown':
      return parseMarkdown(text)
    case 'text':
      return parseText(text)
    default:
      return { raw: [], rejected: [{ line: 1, reason: `unknown file format "${String(format)}"` }] }
  }
}

export async function parseFile(bytes: Uint8Array, format: Format): Promise<ParseResult> {
  try {
    return finishParse(await parseRaw(bytes, format), format)
  } catch (err) {
    // A bug or a library failure on strange input: still an answer, not a crash.
    return { rows: [], rejected: [{ line: 1, reason: `could not read the file: ${(err as Error).message}` }], format }
  }
}
