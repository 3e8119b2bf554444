/**
 * Bytes of an uploaded text file → a JS string, for the encodings admins' tools
 * actually write: UTF-8 (with or without the BOM Excel adds), UTF-16 with a BOM (Excel's
 * "Unicode Text" export), and GB18030/GBK, which Excel on Simplified-Chinese Windows
 * uses for "CSV (逗号分隔)". Characters themselves are never changed: Traditional stays
 * Traditional, full-width stays full-width (normalisation happens at match time).
 */

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030'

export interface DecodedText {
  text: string
  encoding: TextEncoding
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b)
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' }
  }
  if (startsWith(bytes, [0xff, 0xfe])) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' }
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' }
  }
  try {
    // fatal: a byte sequence that is not UTF-8 throws instead of becoming U+FFFD.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    // Not UTF-8. GB18030 is a superset of GBK/GB2312 and decodes any byte string, so it
    // is the last resort (a Big5 file would come out garbled; admins re-save as UTF-8).
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' }
  }
}

/** Split into lines on any line ending, so CRLF files don't leave "\r" in answers. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/)
}
