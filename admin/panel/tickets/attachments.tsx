/**
 * A ticket's attachments: the customer's photos from the chat the ticket came from (shown,
 * from the staff-only media route) and links staff attached. Only images Kefu checked are
 * drawn; anything else is a link.
 */
import type { toAttachment } from '../../../bot/tickets/rows.ts'
import { isImage } from '../../../bot/media/types.ts'

type Attachment = ReturnType<typeof toAttachment>

export function TicketAttachments({ items, l }: { items: Attachment[]; l: (k: string) => string }) {
  return (
    <section class="card" data-testid="tk-attachments">
      <h2>{l('tk.attachments')}</h2>
      <ul class="tk-attachments">
        {items.map((a) =>
          a.mediaId && a.contentType && isImage(a.contentType) ? (
            <li>
              <a href={a.url} target="_blank" rel="noopener">
                <img src={a.url} alt={a.title || l('tk.attachment.photo')} data-testid="tk-attachment-image" loading="lazy" />
              </a>
            </li>
          ) : (
            <li>
              <a href={a.url} rel="noopener noreferrer" data-testid="tk-attachment-link">
                {a.title || a.url}
              </a>
            </li>
          ),
        )}
      </ul>
    </section>
  )
}
