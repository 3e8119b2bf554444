/**
 * The web chat's accent colour must keep white text readable: one rule for the settings
 * schema (bot/settings.ts) and the settings page, which says so while the admin types.
 * No imports: the browser build bundles this file as it is.
 */

/** A colour like #1d6fd8. */
export const ACCENT_PATTERN = /^#[0-9a-fA-F]{6}$/

/** WCAG contrast of white on `hex`: white text sits on the accent (header, the customer's bubbles). */
export function contrastWithWhite(hex: string): number {
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
  const [r, g, b] = [1, 3, 5].map((i) => lin(parseInt(hex.slice(i, i + 2), 16) / 255))
  return 1.05 / (0.2126 * r! + 0.7152 * g! + 0.0722 * b! + 0.05)
}

/** WCAG AA for normal text: the accent is also the colour of links and buttons' text on white. */
export const MIN_ACCENT_CONTRAST = 4.5
