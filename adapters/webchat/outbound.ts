/**
 * Stored messages → what the widget renders. Private notes and internal rows never leave
 * here (the bus carries them for staff screens too). Links and images keep only web
 * URLs, so a knowledge entry can never smuggle a javascript: link to a customer. The
 * bot's Markdown answers also come as `html`, built by bot/markdown/render.ts (every word
 * escaped, only its own tags, only http(s) links): the one HTML the widget inserts.
 */
import type { Db } from '../../bot/db/client.ts'
import { listMessages, type MessageRow } from '../../bot/conversations/store.ts'
import type { OutboundMessage } from '../../bot/conversations/types.ts'
import { renderMarkdown, writtenInMarkdown } from '../../bot/markdown/render.ts'
import { clientIdOf } from './inbound.ts'
import { clientIds } from './queries.ts'
import { isImage } from '../../bot/media/types.ts'
import { isWebUrl } from './webUrl.ts'

export interface WidgetMessage {
  id: number
  from: 'customer' | 'bot' | 'agent' | 'system'
  kind: string | null
  /** The agent's display name; null for the bot and the system. */
  name: string | null
  text: string
  /** The bot's answer rendered from Markdown; null for what people typed (shown as text). */
  html: string | null
  buttons: { label: string; payload: string }[]
  links: { title: string; url: string }[]
  images: string[]
  /** A photo or file in the message (an agent's, or the visitor's own upload): fetched from `url` with the visitor's token. */
  file: { url: string; image: boolean; name: string | null } | null
  /** For the customer's own messages: the uuid their widget sent it with. */
  clientId: string | null
  createdAt: string
}

type StoredFile = { fileId?: string; contentType?: string; title?: string }

function parts(p: { buttons?: MessageRow['parts']['buttons']; links?: MessageRow['parts']['links']; images?: string[]; media?: StoredFile }) {
  const media = p.media?.fileId ? p.media : null
  return {
    file: media ? { url: `/webchat/api/media/${media.fileId}`, image: isImage(media.contentType ?? ''), name: media.title ?? null } : null,
    buttons: (p.buttons ?? []).filter((b) => b && typeof b.label === 'string').map((b) => ({ label: b.label, payload: String(b.payload ?? '') })),
    links: (p.links ?? []).filter((l) => l && isWebUrl(l.url)).map((l) => ({ title: String(l.title || l.url), url: l.url.trim() })),
    images: (p.images ?? []).filter(isWebUrl).map((u) => u.trim()),
  }
}

const richText = (m: { senderType: string; text: string }) => (writtenInMarkdown(m) && m.text.trim() ? renderMarkdown(m.text, 'web') : null)

/** null when the customer must not see it. `createdAt` may be a string after a trip through Redis. */
export function toWidgetMessage(m: MessageRow, clientId: string | null = null): WidgetMessage | null {
  if (m.isPrivate || m.direction === 'internal') return null
  return {
    id: m.id,
    from: m.senderType,
    kind: m.kind,
    name: m.senderType === 'agent' ? (m.senderName ?? null) : null,
    text: m.text,
    html: richText(m),
    ...parts(m.parts ?? {}),
    clientId: m.senderType === 'customer' ? clientId : null,
    createdAt: new Date(m.createdAt).toISOString(),
  }
}

/** The bot's replies as handleInbound returns them (already public). */
export function fromOutbound(o: OutboundMessage): WidgetMessage {
  return {
    id: o.id,
    from: o.senderType,
    kind: o.kind,
    name: o.senderType === 'agent' ? (o.senderName ?? null) : null,
    text: o.text,
    html: richText(o),
    ...parts(o),
    clientId: null,
    createdAt: new Date(o.createdAt).toISOString(),
  }
}

const PAGE = 500

/** Public messages of a conversation after a message id, ready for the widget (all of them, a page at a time). */
export async function visibleMessages(db: Db, conversationId: number, afterId = 0): Promise<WidgetMessage[]> {
  const out: WidgetMessage[] = []
  for (let after = afterId; ; ) {
    const rows = await listMessages(db, conversationId, { afterId: after, includePrivate: false, limit: PAGE })
    out.push(...(await withClientIds(db, rows)))
    if (rows.length < PAGE) return out
    after = rows[rows.length - 1]!.id
  }
}

/** The same across several conversations, oldest conversation first. */
export async function visibleMessagesOf(db: Db, conversationIds: number[], afterId = 0): Promise<WidgetMessage[]> {
  const out: WidgetMessage[] = []
  for (const id of conversationIds) out.push(...(await visibleMessages(db, id, afterId)))
  return out
}

export async function withClientIds(db: Db, rows: MessageRow[]): Promise<WidgetMessage[]> {
  // A row read from the messages table carries its channel id: no second read for the event stream.
  const customers = rows.filter((r) => r.senderType === 'customer')
  const ids = await clientIds(
    db,
    customers.filter((r) => r.channelMessageId === undefined).map((r) => r.id),
  )
  for (const r of customers) {
    const client = r.channelMessageId ? clientIdOf(r.channelMessageId) : null
    if (client) ids.set(r.id, client)
  }
  return rows.map((r) => toWidgetMessage(r, ids.get(r.id) ?? null)).filter((m): m is WidgetMessage => m !== null)
}
