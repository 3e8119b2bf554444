/** Small helpers shared by this folder's tests (fixtures are written inline in each test). */
import { parseFile } from './parse-file.ts'
import type { Format, ImportRow } from './types.ts'

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

/** Lines joined with "\n", so a fixture reads like the file it stands for. */
export const file = (...lines: string[]): string => lines.join('\n')

export async function parseText(text: string, format: Format) {
  return parseFile(utf8(text), format)
}

/** Rows without their line numbers, for comparing with what was exported. */
export const withoutLines = (rows: readonly ImportRow[]) => rows.map(({ line: _line, ...rest }) => rest)
