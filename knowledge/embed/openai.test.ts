import { describe, it, expect, afterAll } from 'vitest'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { openaiEmbedder } from './openai.ts'

// A local server speaking the /v1/embeddings protocol: vectors derived from the text.
const calls: { input: string[]; dimensions: number; auth: string }[] = []
let failNext = 0
let oversize = 0
const server = createServer((req, res) => {
  let body = ''
  req.on('data', (c) => (body += c))
  req.on('end', () => {
    if (failNext > 0) {
      failNext--
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"boom"}}')
      return
    }
    const { input, dimensions, model } = JSON.parse(body)
    calls.push({ input, dimensions, auth: String(req.headers.authorization) })
    const data = input.map((t: string, index: number) => ({
      object: 'embedding',
      index,
      embedding: Array.from({ length: dimensions + oversize }, (_, d) => (t.charCodeAt(d % t.length) % 7) + d),
    }))
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ object: 'list', data: data.reverse(), model, usage: { prompt_tokens: 1, total_tokens: 1 } }))
  })
})
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
afterAll(() => new Promise<void>((r) => server.close(() => r())))

describe('openai embedder', () => {
  it('batches, keeps order, normalises, and sends the key', async () => {
    calls.length = 0
    const e = openaiEmbedder({ baseURL, apiKey: 'sk-test', model: 'm', dimensions: 8, batchSize: 2 })
    const v = await e.embed(['Hello', '花唄', '', 'x'])
    expect(calls.map((c) => c.input)).toEqual([
      ['hello', '花呗'],
      ['-', 'x'],
    ])
    expect(calls[0]!.auth).toBe('Bearer sk-test')
    expect(v).toHaveLength(4)
    for (const x of v) expect(x.reduce((s, y) => s + y * y, 0)).toBeCloseTo(1, 5)
    expect(e.id).toBe('openai:m:8')
  })
  it('retries a failing endpoint', async () => {
    failNext = 1
    const e = openaiEmbedder({ baseURL, apiKey: 'k', model: 'm', dimensions: 4, maxRetries: 2 })
    expect(await e.embed(['a'])).toHaveLength(1)
  })
  it('rejects vectors of the wrong size', async () => {
    // The test server ignores nothing: make it answer with one dimension too many.
    const e = openaiEmbedder({ baseURL, apiKey: 'k', model: 'm', dimensions: 3 })
    oversize = 1
    await expect(e.embed(['a'])).rejects.toThrow(/dimensions/)
    oversize = 0
  })
})
