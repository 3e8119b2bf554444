/**
 * Text PostgreSQL can store, out of everything people and channels send: U+0000 dropped, and a
 * lone UTF-16 surrogate (half of an emoji, cut or forged) replaced by U+FFFD. PostgreSQL (and
 * PGlite) store neither in text or jsonb, so one that reached a query failed it with a 500 (the
 * fuzz run found the surrogates); nobody means to type one, so the expected outcome is the
 * message (or search) without it. Only strings inside plain JSON values are touched: objects
 * and arrays are copied, everything else is passed through as it is.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point of this module
const NUL = /\u0000/g
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

function storableString(s: string): string {
  const noNul = s.includes('\u0000') ? s.replace(NUL, '') : s
  return noNul.replace(LONE_SURROGATE, '\ufffd')
}

// Hono's parsed query strings are prototype-less objects; JSON.parse gives ordinary ones.
const isPlain = (v: object) => [Object.prototype, null].includes(Object.getPrototypeOf(v))

export function storableText<T>(value: T): T {
  if (typeof value === 'string') return storableString(value) as T
  if (Array.isArray(value)) return value.map(storableText) as T
  if (value && typeof value === 'object' && isPlain(value)) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[storableText(k)] = storableText(v)
    return out as T
  }
  return value
}
