/**
 * CSV formula injection: Excel runs a cell that starts with = + - @ (or tab / CR) as a
 * formula, and knowledge text can come from customers (unanswered questions flow back
 * into the knowledge base). Exported CSV cells that would be read that way get a leading
 * apostrophe; import removes exactly that one apostrophe, so export → import is lossless.
 */

// Any number of apostrophes then a formula trigger: "'=x" must itself be guarded, or the
// import could not tell it from a guarded "=x".
const NEEDS_GUARD = /^'*[=+\-@\t\r]/

export function guardCell(value: string): string {
  return NEEDS_GUARD.test(value) ? `'${value}` : value
}

export function unguardCell(value: string): string {
  return value.startsWith("'") && NEEDS_GUARD.test(value.slice(1)) ? value.slice(1) : value
}
