/**
 * Is this error the database being out of reach (stopped, restarting, network gone), rather
 * than a fault in a query? Those are answered 503 with a code that says so: the request was
 * fine and may be tried again, and an operator reading the logs knows where to look.
 */
// SQLSTATE class 08 (connection exception), and the server shutting down, crashing or starting.
const UNAVAILABLE_STATES = /^(08...|57P01|57P02|57P03|53300)$/
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE'])
// node-postgres reports a socket that closed under it only in words.
const LOST = /^Connection terminated|^Client has encountered a connection error|^timeout exceeded when trying to connect/

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown }
  const code = typeof e.code === 'string' ? e.code : ''
  if (UNAVAILABLE_STATES.test(code) || SOCKET_CODES.has(code)) return true
  if (typeof e.message === 'string' && LOST.test(e.message)) return true
  // Connecting to a name with several addresses fails with one error per address.
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true
  return isDatabaseUnavailable(e.cause, depth + 1)
}
