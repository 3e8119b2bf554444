/**
 * Where to go after login: only a path on this site. A prefix check is not enough, because
 * browsers read `/\host`, `/\t/host` and `//host` as another site (backslash is a slash, tabs
 * and newlines are dropped), so the value is resolved the way a browser would, with the
 * WHATWG URL parser against a placeholder origin, and kept only if it stays on that origin.
 */
const HOME = '/admin'
const PLACEHOLDER = 'http://kefu.invalid'

export function safeNext(next: string | undefined | null): string {
  if (!next?.startsWith('/')) return HOME
  let url: URL
  try {
    url = new URL(next, PLACEHOLDER)
  } catch {
    return HOME
  }
  if (url.origin !== PLACEHOLDER) return HOME
  // Re-serialised from the parsed URL, so what the Location header says is what was checked.
  return `${url.pathname}${url.search}${url.hash}`
}
