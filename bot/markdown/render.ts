/**
 * The parsed answer (parse.ts) as each channel can show it. Every renderer returns one
 * string per top-level block, so a channel that must split a long answer can cut between
 * blocks and never inside a tag (adapters/shared/packBlocks.ts).
 *
 * - web: HTML for the web chat — <p>, <br>, <strong>, <em>, <code>, <ul>/<ol>, <a> that
 *   opens in a new tab; everything else escaped.
 * - telegram: Telegram's HTML parse mode, which has no paragraphs or lists: lines and
 *   blank lines, "• " and "1. " items, <b>, <i>, <code>, <a href>.
 * - teams: Teams markdown text. Teams ignores a single newline and shows no lists on
 *   phones, so every line is its own paragraph and items are "• " / "1. " lines.
 * - plain: WeChat text — bold and italic dropped, "• " items, links as "text (url)".
 */
import { parseMarkdown, type Block, type Inline } from './parse.ts'

export type MarkdownTarget = 'web' | 'telegram' | 'teams' | 'plain'

export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
const escapeTeams = (s: string) => s.replace(/[\\`*_[\]<>#~|]/g, '\\$&')
const teamsHref = (url: string) => url.replace(/\(/g, '%28').replace(/\)/g, '%29')

interface Style {
  text(s: string): string
  b(inner: string): string
  i(inner: string): string
  code(s: string): string
  link(url: string, inner: string, shown: string): string
  block(b: Block, lines: string[]): string
}

const lineItems = (b: Block, lines: string[], sep: string) =>
  ('ol' in b ? lines.map((l, n) => `${b.start + n}. ${l}`) : 'ul' in b ? lines.map((l) => `• ${l}`) : lines).join(sep)

const STYLES: Record<MarkdownTarget, Style> = {
  web: {
    text: escapeHtml,
    b: (x) => `<strong>${x}</strong>`,
    i: (x) => `<em>${x}</em>`,
    code: (s) => `<code>${escapeHtml(s)}</code>`,
    link: (url, x) => `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer nofollow">${x}</a>`,
    block: (b, lines) =>
      'ul' in b
        ? `<ul>${lines.map((l) => `<li>${l}</li>`).join('')}</ul>`
        : 'ol' in b
          ? `<ol${b.start === 1 ? '' : ` start="${b.start}"`}>${lines.map((l) => `<li>${l}</li>`).join('')}</ol>`
          : 'h' in b
            ? `<p><strong>${lines[0]}</strong></p>`
            : `<p>${lines.join('<br>')}</p>`,
  },
  telegram: {
    text: (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    b: (x) => `<b>${x}</b>`,
    i: (x) => `<i>${x}</i>`,
    code: (s) => `<code>${s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</code>`,
    link: (url, x) => `<a href="${escapeHtml(url)}">${x}</a>`,
    block: (b, lines) => ('h' in b ? `<b>${lines[0]}</b>` : lineItems(b, lines, '\n')),
  },
  teams: {
    text: escapeTeams,
    b: (x) => `**${x}**`,
    i: (x) => `_${x}_`,
    code: (s) => (s.includes('`') ? escapeTeams(s) : `\`${s}\``),
    link: (url, x) => `[${x}](${teamsHref(url)})`,
    block: (b, lines) => ('h' in b ? `**${lines[0]}**` : lineItems(b, lines, '\n\n')),
  },
  plain: {
    text: (s) => s,
    b: (x) => x,
    i: (x) => x,
    code: (s) => s,
    link: (url, _x, shown) => (shown && shown !== url ? `${shown} (${url})` : url),
    block: (b, lines) => lineItems(b, lines, '\n'),
  },
}

/** The text a reader sees (no markup): what length limits count. */
export function shownText(nodes: Inline[]): string {
  return nodes.map((n) => (typeof n === 'string' ? n : 'code' in n ? n.code : shownText('b' in n ? n.b : 'i' in n ? n.i : n.c))).join('')
}

function renderInline(nodes: Inline[], st: Style): string {
  return nodes
    .map((n) => {
      if (typeof n === 'string') return st.text(n)
      if ('code' in n) return st.code(n.code)
      if ('b' in n) return st.b(renderInline(n.b, st))
      if ('i' in n) return st.i(renderInline(n.i, st))
      return st.link(n.link, renderInline(n.c, st), shownText(n.c))
    })
    .join('')
}

const blockLines = (b: Block): Inline[][] => ('p' in b ? b.p : 'h' in b ? [b.h] : 'ul' in b ? b.ul : b.ol)

/** One rendered string per block of the answer. */
export function renderBlocks(markdown: string, target: MarkdownTarget): string[] {
  const st = STYLES[target]
  return parseMarkdown(markdown).map((b) =>
    st.block(
      b,
      blockLines(b).map((l) => renderInline(l, st)),
    ),
  )
}

/** How blocks are separated on each channel. */
export const BLOCK_SEPARATOR: Record<MarkdownTarget, string> = { web: '', telegram: '\n\n', teams: '\n\n', plain: '\n\n' }

export function renderMarkdown(markdown: string, target: MarkdownTarget): string {
  return renderBlocks(markdown, target).join(BLOCK_SEPARATOR[target])
}

/**
 * What the bot says (curated answers, settings texts, generated answers) is Markdown;
 * what people type — agents' replies, customers' words — is shown as typed, so an
 * agent's "5*3*2" stays as written.
 */
export const writtenInMarkdown = (m: { senderType?: string }) => m.senderType === 'bot'
