/**
 * U+0000 out of everything people and channels send. PostgreSQL (and PGlite) cannot store
 * a NUL in text or jsonb, so one that reached a query failed it with a 500; nobody means to
 * type one, so the expected outcome is the message (or search) without it. Only strings
 * inside plain JSON values are touched: objects and arrays are copied, everything else is
 * passed through as it is.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point of this module
const NUL = /\u0000/g

// Hono's parsed query strings are prototype-less objects; JSON.parse gives ordinary ones.
const isPlain = (v: object) => [Object.prototype, null].includes(Object.getPrototypeOf(v))

export function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return (value.includes('\u0000') ? value.replace(NUL, '') : value) as T
  if (Array.isArray(value)) return value.map(withoutNul) as T
  if (value && typeof value === 'object' && isPlain(value)) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[withoutNul(k)] = withoutNul(v)
    return out as T
  }
  return value
}
