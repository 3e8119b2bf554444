/**
 * Knowledge answers are written in a small Markdown subset — paragraphs, line breaks,
 * **bold**, *italic*, `code`, [links](https://…), "- " and "1. " lists, "# " headings —
 * and every channel shows them differently, so they are parsed once into this tree and
 * each channel renders the tree (bot/markdown/render.ts).
 *
 * Not CommonMark on purpose: a single newline stays a line break (chat authors mean it),
 * and emphasis pairs by position, not by CommonMark's flanking rules, which leave
 * `**“7 天内”**退货` unformatted in Chinese text. Raw HTML is never markup here: it is
 * text, and each renderer escapes it. Every scan moves forward or gives up (a delimiter
 * with no partner is remembered as such), so hostile input stays linear-ish.
 */

export type Inline = string | { b: Inline[] } | { i: Inline[] } | { code: string } | { link: string; c: Inline[] }
export type Block = { p: Inline[][] } | { h: Inline[] } | { ul: Inline[][] } | { ol: Inline[][]; start: number }

const BULLET = /^\s{0,8}[-*+•]\s+(.*)$/
const NUMBERED = /^\s{0,8}(\d{1,9})[.)]\s+(.*)$/
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/
const PUNCT = /[!-/:-@[-`{-~]/
const MAX_DEPTH = 4
/** A link's text or address longer than this is not a link: bounds the scan for each "[". */
const MAX_SCAN = 2000

/** Only absolute web links become links; anything else (javascript:, data:, relative) stays text. */
export function webUrl(href: string): string | null {
  try {
    const u = new URL(href.trim())
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null
  } catch {
    return null
  }
}

export function parseMarkdown(text: string): Block[] {
  const blocks: Block[] = []
  let para: Inline[][] | null = null
  let list: { ul: Inline[][] } | { ol: Inline[][]; start: number } | null = null
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd()
    const bullet = line.match(BULLET)
    const numbered = bullet ? null : line.match(NUMBERED)
    const heading = line.match(HEADING)
    if (!line.trim()) {
      para = list = null
    } else if (bullet) {
      para = null
      if (!list || !('ul' in list)) blocks.push((list = { ul: [] }))
      list.ul.push(inline(bullet[1]!))
    } else if (numbered) {
      para = null
      if (!list || !('ol' in list)) blocks.push((list = { ol: [], start: Number(numbered[1]) }))
      list.ol.push(inline(numbered[2]!))
    } else if (heading) {
      para = list = null
      blocks.push({ h: inline(heading[1]!) })
    } else {
      list = null
      if (!para) blocks.push({ p: (para = []) })
      para.push(inline(line.trim()))
    }
  }
  return blocks
}

const isSpace = (ch: string | undefined) => ch === undefined || /\s/.test(ch)
const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch)

/** One line of inline Markdown → nodes. */
export function inline(s: string, depth = 0): Inline[] {
  const out: Inline[] = []
  const noCloser = new Set<string>()
  let text = ''
  const push = (node: Inline) => {
    if (text) out.push(text)
    text = ''
    out.push(node)
  }
  for (let i = 0; i < s.length; ) {
    const ch = s[i]!
    if (ch === '\\' && PUNCT.test(s[i + 1] ?? '')) {
      text += s[i + 1]
      i += 2
      continue
    }
    if (ch === '`') {
      const end = s.indexOf('`', i + 1)
      if (end > i + 1) {
        push({ code: s.slice(i + 1, end) })
        i = end + 1
        continue
      }
    }
    if (ch === '[' && depth < MAX_DEPTH) {
      const link = linkAt(s, i)
      if (link) {
        const href = webUrl(link.href)
        const content = inline(link.text, depth + 1)
        if (href) push({ link: href, c: content })
        else for (const n of content) typeof n === 'string' ? (text += n) : push(n)
        i = link.end
        continue
      }
    }
    if ((ch === '*' || ch === '_') && depth < MAX_DEPTH) {
      const delim = s[i + 1] === ch ? ch + ch : ch
      const end = noCloser.has(delim) ? -1 : closer(s, i, delim)
      if (end > 0) {
        const content = inline(s.slice(i + delim.length, end), depth + 1)
        push(delim.length === 2 ? { b: content } : { i: content })
        i = end + delim.length
        continue
      }
      if (end < 0) noCloser.add(delim)
      text += delim
      i += delim.length
      continue
    }
    text += ch
    i++
  }
  if (text) out.push(text)
  return out
}

/**
 * Where the delimiter opened at `at` closes: not after a space, not right after the
 * opener; `_` only between non-letters, so snake_case and URLs keep their underscores.
 * 0 = this opener cannot open; -1 = no closer anywhere after it.
 */
function closer(s: string, at: number, delim: string): number {
  const after = s[at + delim.length]
  if (isSpace(after) || after === delim[0]) return 0
  if (delim[0] === '_' && isWordChar(s[at - 1])) return 0
  for (let j = s.indexOf(delim, at + delim.length + 1); j > 0; j = s.indexOf(delim, j + 1)) {
    if (isSpace(s[j - 1]) || s[j - 1] === '\\') continue
    if (s[j + delim.length] === delim[0]) continue
    if (delim[0] === '_' && isWordChar(s[j + delim.length])) continue
    return j
  }
  return -1
}

/** `[text](href)` starting at `at`, or null. Brackets may nest in the text. */
function linkAt(s: string, at: number): { text: string; href: string; end: number } | null {
  let level = 0
  for (let j = at; j < s.length && j < at + MAX_SCAN; j++) {
    if (s[j] === '\\') j++
    else if (s[j] === '[') level++
    else if (s[j] === ']' && --level === 0) {
      if (s[j + 1] !== '(') return null
      const close = closingParen(s, j + 2)
      const href = close > 0 ? s.slice(j + 2, close).trim() : ''
      if (!href || /\s/.test(href)) return null
      return { text: s.slice(at + 1, j), href, end: close + 1 }
    }
  }
  return null
}

/** The ")" that ends a link's address, letting balanced parentheses inside it (wiki-style URLs). */
function closingParen(s: string, from: number): number {
  let level = 0
  for (let j = from; j < s.length && j < from + MAX_SCAN; j++) {
    if (s[j] === '(') level++
    else if (s[j] === ')' && level-- === 0) return j
  }
  return -1
}
