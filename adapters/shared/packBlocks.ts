/**
 * Rendered answer blocks (bot/markdown/render.ts) → the fewest pieces a channel accepts:
 * whole blocks joined while they fit, so a cut never falls inside a tag or a bold pair.
 * Only a block too long on its own goes to `split` (splitText on what it shows).
 */
export function packBlocks(blocks: string[], separator: string, fits: (piece: string) => boolean, split: (block: string) => string[]): string[] {
  const pieces: string[] = []
  let cur = ''
  for (const block of blocks) {
    const joined = cur ? cur + separator + block : block
    if (fits(joined)) {
      cur = joined
      continue
    }
    if (cur) pieces.push(cur)
    cur = ''
    if (fits(block)) cur = block
    else pieces.push(...split(block))
  }
  if (cur) pieces.push(cur)
  return pieces
}
