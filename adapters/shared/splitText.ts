/**
 * Split a long answer into pieces a channel accepts (Telegram: 4096 characters; Teams:
 * about 28 KB), breaking where a reader would: a blank line, a line end, the end of a
 * sentence, a space — and only as a last resort in the middle of a word. Never splits
 * a surrogate pair, so an emoji is never cut in half.
 */

const BREAKS = [/\n\s*\n/g, /\n/g, /[。！？!?；;]\s*|[.]\s+/g, /[，,、]\s*|\s+/g]

/** Largest number of code points from the start of `chars` that still fits. */
function longestFit(chars: string[], fits: (s: string) => boolean): number {
  let lo = 1
  let hi = chars.length
  if (!fits(chars[0]!)) throw new Error('splitText: not even one character fits')
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (fits(chars.slice(0, mid).join(''))) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** Where to cut `head` (the longest piece that fits): after the last good break in its second half. */
function cutPoint(head: string): number {
  for (const re of BREAKS) {
    let best = -1
    for (const m of head.matchAll(re)) if (m.index! + m[0].length < head.length) best = m.index! + m[0].length
    if (best >= head.length / 2) return best
  }
  return head.length
}

export function splitText(text: string, fits: (piece: string) => boolean): string[] {
  const pieces: string[] = []
  let rest = text
  while (rest && !fits(rest)) {
    const chars = [...rest]
    const head = chars.slice(0, longestFit(chars, fits)).join('')
    const cut = cutPoint(head)
    const piece = head.slice(0, cut).trimEnd()
    if (piece) pieces.push(piece)
    rest = rest.slice(cut).replace(/^\s*\n/, '')
  }
  if (rest.trim() || pieces.length === 0) pieces.push(rest)
  return pieces
}

export const fitsChars = (max: number) => (s: string) => s.length <= max
export const fitsBytes = (max: number) => (s: string) => Buffer.byteLength(s, 'utf8') <= max
