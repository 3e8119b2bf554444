/**
 * Which files Kefu keeps and how it serves them. The type is read from the bytes (the
 * signatures below), not taken from the sender's header: a channel's or a visitor's
 * "image/png" on an HTML page is not an image. Only the images a browser draws are served
 * inline; everything else goes out as a download, and nothing is ever served as a type a
 * browser would run (HTML, SVG, JavaScript, XML): see serve.ts.
 */

/** What a file is, from its first bytes; null when it is none of the kinds we keep. */
export function sniffType(bytes: Uint8Array): string | null {
  const at = (offset: number, ...sig: number[]) => sig.every((b, i) => bytes[offset + i] === b)
  const ascii = (offset: number, s: string) => at(offset, ...[...s].map((c) => c.charCodeAt(0)))
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif'
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp'
  if (ascii(0, '%PDF-')) return 'application/pdf'
  if (ascii(4, 'ftyp')) return 'video/mp4'
  if (ascii(0, '#!AMR')) return 'audio/amr'
  if (ascii(0, 'OggS')) return 'audio/ogg'
  if (ascii(0, 'ID3') || at(0, 0xff, 0xfb)) return 'audio/mpeg'
  if (ascii(0, '#!SILK_V3') || at(0, 0x02, ...[...'#!SILK_V3'].map((c) => c.charCodeAt(0)))) return 'audio/silk'
  if (at(0, 0x50, 0x4b, 0x03, 0x04)) return 'application/zip' // also docx, xlsx
  return null
}

/** Drawn by the browser as a picture, safely: shown inline in the console and the web chat. */
export const INLINE_IMAGES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp'])

export const isImage = (contentType: string) => INLINE_IMAGES.has(contentType)
