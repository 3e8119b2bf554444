import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { addressKey, clientAddress } from './clientAddress.ts'
import type { AppEnv } from './types.ts'

async function seen(hops: number, forwarded?: string): Promise<string> {
  const app = new Hono<AppEnv>().get('/', (c) => c.text(clientAddress(c, hops)))
  const env = { incoming: { socket: { remoteAddress: '10.0.0.2' } } }
  return (await app.request('/', { headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }, env)).text()
}

describe('clientAddress', () => {
  it('ignores X-Forwarded-For unless proxies are trusted', async () => {
    expect(await seen(0, '203.0.113.9')).toBe('10.0.0.2')
    expect(await seen(0)).toBe('10.0.0.2')
  })
  it('reads the entry the trusted proxy appended, not what the client sent before it', async () => {
    expect(await seen(1, '1.1.1.1, 203.0.113.9')).toBe('203.0.113.9')
    expect(await seen(2, '1.1.1.1, 203.0.113.9, 10.0.0.7')).toBe('203.0.113.9')
    expect(await seen(2, '203.0.113.9')).toBe('203.0.113.9')
    expect(await seen(1)).toBe('10.0.0.2')
  })
})

describe('addressKey', () => {
  it('keeps IPv4, unwraps IPv4-mapped IPv6, and groups IPv6 by /64', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9')
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9')
    expect(addressKey('2001:db8:0:1::5')).toBe('2001:db8:0:1::/64')
    expect(addressKey('2001:0db8:0000:0001:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:0:1::/64')
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(addressKey('::1')).toBe('0:0:0:0::/64')
    expect(addressKey('unknown')).toBe('unknown')
  })
})
