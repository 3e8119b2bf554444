/**
 * A stored file as an HTTP response, for staff (the console, tickets) and for a web chat
 * visitor's own conversation. Nothing is served with a type a browser would run: the type
 * comes from the bytes (types.ts), only JPEG/PNG/GIF/WebP are inline, everything else is
 * application/octet-stream as an attachment; nosniff stops the browser guessing otherwise,
 * and a sandbox CSP with nothing allowed means even a file opened on its own runs nothing.
 */
import { isImage } from './types.ts'
import type { StoredMedia } from './store.ts'

/** A file name fit for a header: no quotes, slashes or control characters; ASCII fallback beside the UTF-8 one. */
function disposition(kind: 'inline' | 'attachment', name: string | undefined, info: StoredMedia): string {
  const clean =
    [...(name ?? '')]
      .filter((ch) => ch >= ' ' && ch !== '\u007f' && !'"\\/'.includes(ch))
      .join('')
      .slice(0, 120) || `kefu-${info.id.slice(0, 12)}`
  const ascii = clean.replace(/[^\x20-\x7e]/g, '_')
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(clean)}`
}

export function mediaResponse(info: StoredMedia, bytes: Uint8Array, fileName?: string): Response {
  const inline = isImage(info.contentType)
  return new Response(bytes as unknown as BodyInit, {
    headers: {
      'content-type': inline ? info.contentType : 'application/octet-stream',
      'content-length': String(bytes.byteLength),
      'content-disposition': disposition(inline ? 'inline' : 'attachment', fileName, info),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, max-age=86400',
      'cross-origin-resource-policy': 'same-origin',
    },
  })
}
