/**
 * An OutboundMessage → WeChat text. WeChat has no buttons, so options become a numbered
 * list with "回复 1、2、3 选择" (the bot's turn reads a typed number as that option, and
 * a typed 1–3 as a survey rating), other buttons "回复「取消排队」"; 👍/👎 a one-line hint; links and images become
 * <a href> links, which WeChat renders in text messages. The bot's Markdown answers become
 * plain text (bold dropped, "• " items, inline links as "text (url)"). One text message holds at most
 * 2048 bytes, so long answers are split, at line breaks where possible.
 */
import type { Button, OutboundMessage } from '../../bot/conversations/types.ts'
import { renderMarkdown, writtenInMarkdown } from '../../bot/markdown/render.ts'

export const MAX_TEXT_BYTES = 2048

type Renderable = Pick<OutboundMessage, 'text' | 'buttons' | 'links' | 'images'> & Partial<Pick<OutboundMessage, 'senderType'>>

const WEB_URL = /^https?:\/\//i
const zh = (text: string) => /[\u3400-\u9fff]/.test(text)
const attr = (url: string) => url.replace(/"/g, '%22')

/**
 * How a customer "presses" a button by typing. Options (opt:N) and a survey's words
 * (满意 / 基本满意 / 不满意, read in the order shown) are understood as numbers; other
 * buttons (取消排队, 转人工, "5 分"…) are understood as their own words.
 */
function typedAs(b: Button, index: number): { number: number } | { words: string } {
  const opt = b.payload.match(/^opt:(\d+)$/)
  if (opt) return { number: Number(opt[1]) + 1 }
  if (/^sv:\d+:\d+$/.test(b.payload) && !/^\d/.test(b.label)) return { number: index + 1 }
  return { words: b.label }
}

function renderButtons(buttons: Button[], chinese: boolean): string[] {
  const feedback = buttons.filter((b) => b.payload.startsWith('fb:'))
  const typed = buttons.filter((b) => !b.payload.startsWith('fb:')).map((b, i) => ({ b, as: typedAs(b, i) }))
  const lines: string[] = []
  const numbered = typed.filter((t): t is { b: Button; as: { number: number } } => 'number' in t.as)
  if (numbered.length) {
    for (const t of numbered) lines.push(`${t.as.number}. ${t.b.label}`)
    const numbers = numbered.map((t) => t.as.number)
    lines.push(chinese ? `回复 ${numbers.join('、')} 选择` : `Reply ${numbers.join(', ')} to choose`)
  }
  const words = typed.filter((t) => 'words' in t.as).map((t) => t.b.label)
  if (words.length) lines.push(chinese ? `回复${words.map((w) => `「${w}」`).join('或')}` : `Reply ${words.map((w) => `"${w}"`).join(' or ')}`)
  if (feedback.length) lines.push(chinese ? '有帮助请回复 👍，没帮助请回复 👎' : 'Reply 👍 if this helped, 👎 if not')
  return lines
}

/** `html`: <a href> links (Official Account text); `plain`: "title url" (personal chats, where <a> shows as typed). */
export function renderText(m: Renderable, links: 'html' | 'plain' = 'html'): string {
  const chinese = zh(m.text) || m.buttons.some((b) => zh(b.label))
  const blocks = [writtenInMarkdown(m) ? renderMarkdown(m.text, 'plain') : m.text.trim()]
  const link = (url: string, title: string) => (links === 'html' ? `<a href="${attr(url)}">${title}</a>` : `${title} ${url}`)
  const shown = m.links.filter((l) => WEB_URL.test(l.url)).map((l) => link(l.url, l.title || l.url))
  const images = m.images.filter((u) => WEB_URL.test(u)).map((u) => link(u, chinese ? '[查看图片]' : '[picture]'))
  if (shown.length || images.length) blocks.push([...shown, ...images].join('\n'))
  const buttons = renderButtons(m.buttons, chinese)
  if (buttons.length) blocks.push(buttons.join('\n'))
  return blocks.filter(Boolean).join('\n\n')
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8')

/** Pieces of at most `max` UTF-8 bytes: whole lines where they fit, never half a character. */
export function splitForWechat(text: string, max = MAX_TEXT_BYTES): string[] {
  const out: string[] = []
  let cur = ''
  const flush = () => {
    if (cur.trim()) out.push(cur.replace(/\n+$/, ''))
    cur = ''
  }
  for (const line of text.split(/(?<=\n)/)) {
    if (bytes(cur + line) <= max) {
      cur += line
      continue
    }
    flush()
    if (bytes(line) <= max) {
      cur = line
      continue
    }
    for (const ch of line) {
      if (bytes(cur + ch) > max) flush()
      cur += ch
    }
  }
  flush()
  return out.length ? out : ['']
}

/** Everything one delivery sends, as the text messages it takes. */
export const textMessagesFor = (m: Renderable): string[] => splitForWechat(renderText(m))
