/**
 * An OutboundMessage → the sendMessage calls that show it on Telegram (pure; the sender
 * does the network). parse_mode is HTML, so every piece of text — knowledge answers,
 * agents' words, labels, link titles — is escaped (&, <, >, and " in attributes): a "<"
 * in an answer can neither break the message nor inject markup.
 *
 * The bot's answers are Markdown and go out in Telegram's own tag subset (bold, italic,
 * links; lists as "• " lines), built by bot/markdown/render.ts, which escapes the rest.
 *
 * Long answers are split at 4096 characters (Telegram's limit) between paragraphs, else on
 * sentence boundaries;
 * links and images follow the text as links (Telegram previews the first image); the
 * buttons ride on the last piece as an inline keyboard, one button per row because our
 * labels are whole questions.
 */
import type { OutboundMessage } from '../../bot/conversations/types.ts'
import { renderBlocks, writtenInMarkdown } from '../../bot/markdown/render.ts'
import { packBlocks } from '../shared/packBlocks.ts'
import { fitsChars, splitText } from '../shared/splitText.ts'
import { callbackData } from './buttons.ts'

export const MAX_TEXT = 4096

export interface InlineButton {
  text: string
  callback_data: string
}

export interface TelegramSend {
  text: string
  parse_mode: 'HTML'
  reply_markup?: { inline_keyboard: InlineButton[][] }
  link_preview_options?: { url: string; prefer_large_media: boolean }
}

export type Renderable = Pick<OutboundMessage, 'id' | 'text' | 'buttons' | 'links' | 'images'> & Partial<Pick<OutboundMessage, 'senderType'>>

export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const escapeAttr = (s: string) => escapeHtml(s).replace(/"/g, '&quot;')

/** Telegram opens only absolute http(s) links; a relative one is made absolute when we know our public URL. */
export function absoluteUrl(url: unknown, base: string | null): string | null {
  if (typeof url !== 'string' || !url.trim()) return null
  try {
    const u = base ? new URL(url.trim(), base) : new URL(url.trim())
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null
  } catch {
    return null
  }
}

/** One line per link and image, as HTML, with what a reader sees (for the length check). */
function linkLines(m: Renderable, base: string | null): { html: string; shown: string }[] {
  const lines: { html: string; shown: string }[] = []
  for (const l of m.links ?? []) {
    const url = absoluteUrl(l?.url, base)
    const title = String(l?.title || url || '').trim()
    if (url) lines.push({ html: `🔗 <a href="${escapeAttr(url)}">${escapeHtml(title)}</a>`, shown: `🔗 ${title}` })
  }
  ;(m.images ?? []).forEach((img, i) => {
    const url = absoluteUrl(img, base)
    if (url) lines.push({ html: `🖼 <a href="${escapeAttr(url)}">${i + 1}</a>`, shown: `🖼 ${i + 1}` })
  })
  return lines
}

export function renderForTelegram(m: Renderable, base: string | null = null): TelegramSend[] {
  const text = m.text.trim() ? m.text : m.buttons.length ? '…' : ''
  const blocks = !text ? [] : writtenInMarkdown(m) ? renderBlocks(text, 'telegram') : [escapeHtml(text)]
  // The limit counts the text as shown (after HTML is parsed); a block too long alone is split as shown text, then escaped.
  const pieces = packBlocks(
    blocks,
    '\n\n',
    (html) => shownText(html).length <= MAX_TEXT,
    (html) => splitText(shownText(html), fitsChars(MAX_TEXT)).map(escapeHtml),
  )
  const links = linkLines(m, base)
  if (links.length) {
    const shown = links.map((l) => l.shown).join('\n')
    const last = pieces.length ? pieces[pieces.length - 1]! : null
    // Link lines join the last piece when they fit, else they go as a piece of their own.
    if (last !== null && shownText(last).length + 2 + shown.length <= MAX_TEXT) pieces[pieces.length - 1] = `${last}\n\n${links.map((l) => l.html).join('\n')}`
    else pieces.push(links.map((l) => l.html).join('\n'))
  }
  const firstImage = (m.images ?? []).map((i) => absoluteUrl(i, base)).find(Boolean)
  const sends: TelegramSend[] = pieces.map((p) => ({
    text: p,
    parse_mode: 'HTML',
    ...(firstImage ? { link_preview_options: { url: firstImage, prefer_large_media: true } } : {}),
  }))
  if (m.buttons.length && sends.length) {
    sends[sends.length - 1]!.reply_markup = { inline_keyboard: m.buttons.map((b, i) => [{ text: b.label, callback_data: callbackData(m.id, i) }]) }
  }
  return sends
}

/** What Telegram shows for our HTML: every "<" in the words is escaped, so any tag is ours. */
const shownText = (html: string) =>
  html.replace(/<[^>]*>/g, '').replace(/&(lt|gt|quot|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&' })[e]!)
