/**
 * The address a request comes from, for limits and throttles. Behind proxies
 * (TRUST_PROXY_HOPS > 0) it is read from X-Forwarded-For, counting from the right: each
 * trusted proxy appends the address it saw, so entries further left are whatever the
 * client sent and cannot be believed. Without proxies the header is ignored entirely.
 */
import type { Context } from 'hono'
import { isIPv6 } from 'node:net'
import type { AppEnv } from './types.ts'

export function clientAddress(c: Context<AppEnv>, trustedHops: number): string {
  const socket = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress
  if (trustedHops > 0) {
    const hops = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    const seen = hops[Math.max(0, hops.length - trustedHops)]
    if (seen) return seen
  }
  return socket || 'unknown'
}

/**
 * The key a limit counts an address under: an IPv4 address as it is, an IPv6 address by
 * its /64 network — one customer's line gets a whole /64, and could otherwise rotate
 * through it to get a fresh budget per request.
 */
export function addressKey(address: string): string {
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i)
  if (mapped) return mapped[1]!
  if (!isIPv6(address)) return address
  const [head = '', tail = ''] = address.toLowerCase().split('%')[0]!.split('::')
  const left = head ? head.split(':') : []
  const right = address.includes('::') && tail ? tail.split(':') : []
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}
