/**
 * A customer's photo, voice or file, fetched from the channel by its adapter and kept
 * (store.ts) before the turn runs, so the message is stored with its file in one go and
 * agents see it at once. Fetching is bounded in time and may fail (the channel's copy has
 * expired, the file is too large or of a kind we do not keep): the message is then kept
 * without a file — its text still says what arrived — and the reason is logged. A retried
 * delivery fetches again and lands on the same id (the bytes' hash), so nothing doubles.
 */
import type { Services } from '../context.ts'
import type { InboundMedia } from '../conversations/media.ts'
import { putMedia } from './store.ts'

/** Kinds whose bytes are worth keeping; a location, a link or a sticker has none we show. */
const WITH_BYTES = new Set<InboundMedia['type']>(['image', 'voice', 'video', 'file'])

export async function withStoredFile(
  services: Pick<Services, 'db' | 'config' | 'log'>,
  media: InboundMedia | undefined,
  fetchBytes: (media: InboundMedia) => Promise<Uint8Array | null>,
): Promise<InboundMedia | undefined> {
  if (!media || !WITH_BYTES.has(media.type) || media.fileId) return media
  try {
    const bytes = await fetchBytes(media)
    if (!bytes) return media
    const stored = await putMedia(services, bytes)
    return { ...media, fileId: stored.id, contentType: stored.contentType, size: stored.size }
  } catch (err) {
    services.log.warn({ err: String((err as Error)?.message ?? err), type: media.type }, 'media: could not keep the file a customer sent')
    return media
  }
}

/**
 * GET a URL's bytes with a deadline and a size cap (the cap is checked again by putMedia).
 * Headers (a channel's token) go to that URL only: a redirect is followed once, without them.
 */
export async function download(url: string | URL, init: RequestInit & { maxBytes: number; timeoutMs?: number }): Promise<Uint8Array> {
  const res = await fetch(url, { ...init, ...(init.headers ? { redirect: 'manual' as const } : {}), signal: AbortSignal.timeout(init.timeoutMs ?? 10_000) })
  const location = res.headers.get('location')
  if (init.headers && res.status >= 300 && res.status < 400 && location) {
    const next = new URL(location, url)
    if (!/^https?:$/.test(next.protocol)) throw new Error(`download ${String(url).split('?')[0]}: redirected to ${next.protocol}`)
    const { headers: _credentials, ...rest } = init
    return download(next, rest)
  }
  if (!res.ok) throw new Error(`download ${String(url).split('?')[0]}: HTTP ${res.status}`)
  const declared = Number(res.headers.get('content-length') ?? 0)
  if (declared > init.maxBytes) throw new Error(`download: ${declared} bytes is over the limit`)
  const bytes = new Uint8Array(await res.arrayBuffer())
  if (bytes.byteLength > init.maxBytes) throw new Error(`download: ${bytes.byteLength} bytes is over the limit`)
  return bytes
}
