import { describe, expect, it } from 'vitest'
import { MemoryBuckets, type Take } from './buckets.ts'

describe('MemoryBuckets', () => {
  const visitor: Take = { name: 'messages_visitor', key: 'v1', bucket: { burst: 2, perMinute: 60 } }
  const address: Take = { name: 'messages_ip', key: '203.0.113.9', bucket: { burst: 3, perMinute: 6 } }

  it('gives a burst, then refills at the rate, and says how long to wait', async () => {
    let now = 0
    const b = new MemoryBuckets(() => now)
    expect(await b.take([visitor])).toBeNull()
    expect(await b.take([visitor])).toBeNull()
    expect(await b.take([visitor])).toEqual({ name: 'messages_visitor', retryAfterMs: 1000 })
    now = 400
    expect(await b.take([visitor])).toEqual({ name: 'messages_visitor', retryAfterMs: 600 })
    now = 1000
    expect(await b.take([visitor])).toBeNull()
  })

  it('takes from all buckets or from none', async () => {
    const now = 0
    const b = new MemoryBuckets(() => now)
    const other = { ...visitor, key: 'v2' }
    expect(await b.take([visitor, address])).toBeNull()
    expect(await b.take([visitor, address])).toBeNull()
    // The visitor is dry: the address keeps its last token for someone else behind it.
    expect((await b.take([visitor, address]))?.name).toBe('messages_visitor')
    expect(await b.take([other, address])).toBeNull()
    expect(await b.take([other, address])).toEqual({ name: 'messages_ip', retryAfterMs: 10_000 })
  })
})
