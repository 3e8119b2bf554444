// A message's photo or file in the console transcript and on a ticket: a stored image is shown
// (from the staff-only media route, which serves only real images inline), any other stored
// file is a download link; a file Kefu could not fetch shows nothing more than its text.
import { el } from '../../../bot/http/browser/dom.ts'

export interface MessageMedia {
  type: string
  fileId?: string
  contentType?: string
  title?: string
}

const IMAGES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp'])

export const mediaUrl = (fileId: string, name?: string) => `/api/v1/media/${fileId}${name ? `?name=${encodeURIComponent(name)}` : ''}`

export function mediaNode(media: MessageMedia | undefined, label: (key: string) => string): HTMLElement | null {
  if (!media?.fileId) return null
  const url = mediaUrl(media.fileId, media.title)
  if (media.contentType && IMAGES.has(media.contentType)) {
    return el(
      'a',
      { class: 'media', href: url, target: '_blank', rel: 'noopener' },
      el('img', { src: url, alt: media.title || label('console.media.image'), 'data-testid': 'media-image', loading: 'lazy' }),
    )
  }
  return el(
    'a',
    { class: 'media file', href: url, download: media.title || '', 'data-testid': 'media-file' },
    `📎 ${media.title || label('console.media.file')}`,
  )
}
