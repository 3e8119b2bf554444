/**
 * How list-valued fields (similar questions, category path, tags) are written inside a
 * single text cell — CSV, XLSX, or a JSONL string — and read back. Each join is the
 * exact inverse of its split for every value validation lets through, which is what
 * makes export → import round-trip.
 */

/** Trim, drop empties and exact duplicates, keep first-seen order. */
export function cleanList(items: readonly string[]): string[] {
  const seen = new Set<string>()
  for (const item of items) {
    const t = item.trim()
    if (t !== '') seen.add(t)
  }
  return [...seen]
}

/**
 * Similar questions: one per line, or `a | b | c` on one line. A cell that has any line
 * break is split on line breaks only, so a question may itself contain "|".
 */
export function splitSimilar(cell: string): string[] {
  return cleanList(/[\r\n]/.test(cell) ? cell.split(/\r\n|\r|\n/) : cell.split('|'))
}

export function joinSimilar(items: readonly string[]): string {
  const text = items.join('\n')
  // A single question containing "|" gets a trailing line break so it is not split.
  return items.length === 1 && text.includes('|') ? `${text}\n` : text
}

/**
 * Category path: "a > b > c" or "a/b/c". When ">" is present only ">" separates, so a
 * level may contain "/" (e.g. "TCP/IP") if written with ">".
 */
export function splitCategory(cell: string): string[] {
  return cleanPath(cell.split(cell.includes('>') ? '>' : '/'))
}

/** Levels are trimmed and empties dropped, but a repeated name is kept: "售后 > 售后" is a path. */
export function cleanPath(levels: readonly string[]): string[] {
  return levels.map((s) => s.trim()).filter((s) => s !== '')
}

export function joinCategory(path: readonly string[]): string {
  const text = path.join(' > ')
  // One level containing "/" needs a ">" somewhere to switch the separator; a trailing
  // one yields an empty level, which is dropped on the way back in.
  return path.length === 1 && text.includes('/') ? `${text} >` : text
}

/** The short form used in JSONL exports, matching the benchmark files: "a/b/c". */
export function canJoinCategoryWithSlash(path: readonly string[]): boolean {
  return path.every((level) => !level.includes('/') && !level.includes('>'))
}

/** Tags: separated by ASCII comma, full-width comma or the enumeration comma 、. */
export function splitTags(cell: string): string[] {
  return cleanList(cell.split(/[,，、]/))
}

export function joinTags(tags: readonly string[]): string {
  return tags.join(', ')
}
