/**
 * Which parser an uploaded file needs: by extension first (admins name their files
 * honestly), then by looking at the bytes when the name says nothing useful.
 */
import { decodeText } from './decode-text.ts'
import { fieldForHeader } from './table-columns.ts'
import { sniffDelimiter } from './read-csv.ts'
import type { Format } from './types.ts'

const BY_EXTENSION: Record<string, Format> = {
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  csv: 'csv',
  tsv: 'csv',
  xlsx: 'xlsx',
  xls: 'xlsx', // .xls is refused by the XLSX parser with a "save as .xlsx" reason
  md: 'markdown',
  markdown: 'markdown',
  txt: 'text',
  text: 'text',
}

export function detectFormat(filename: string, bytes?: Uint8Array): Format {
  const ext = /\.([^./\\]+)$/.exec(filename.trim())?.[1]?.toLowerCase()
  const known = ext === undefined ? undefined : BY_EXTENSION[ext]
  if (known !== undefined) return known
  return bytes === undefined ? 'text' : sniffFormat(bytes)
}

/** The first ~64 KiB, cut after a line break so no multi-byte character is split. */
function head(bytes: Uint8Array, max = 64 * 1024): Uint8Array {
  if (bytes.length <= max) return bytes
  const lastNewline = bytes.subarray(0, max).lastIndexOf(0x0a)
  return bytes.subarray(0, lastNewline > 0 ? lastNewline : max)
}

/** Content sniffing, most specific first; anything unrecognised is plain text. */
export function sniffFormat(bytes: Uint8Array): Format {
  // ZIP (xlsx) or OLE (old xls) container.
  if ((bytes[0] === 0x50 && bytes[1] === 0x4b) || (bytes[0] === 0xd0 && bytes[1] === 0xcf)) return 'xlsx'
  const text = decodeText(head(bytes)).text
  const lines = text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '')
  const first = lines[0]?.trim() ?? ''
  if (first.startsWith('{')) return 'jsonl'
  // A header row naming both required columns is very specific, so it wins over a "#" line.
  const fields = new Set(first.split(sniffDelimiter(first)).map((cell) => fieldForHeader(cell.replace(/^\s*"|"\s*$/g, ''))))
  if (fields.has('question') && fields.has('answer')) return 'csv'
  if (lines.some((l) => /^ {0,3}#{1,6}[ \t]+\S/.test(l))) return 'markdown'
  return 'text'
}
