/**
 * For tests: a local server speaking OpenAI's /v1/embeddings protocol. Its vectors are
 * hashed character uni- and bigrams of the input, so paraphrases sharing characters come
 * out close — enough for search to behave like it does with a real model. Records calls.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fnv1a } from '../../knowledge/embed/hash.ts'

export interface FakeOpenAI {
  baseURL: string
  calls: { input: string[]; model: string; auth: string }[]
  close(): Promise<void>
}

export function fakeEmbedding(text: string, dims: number): number[] {
  const v = new Array<number>(dims).fill(0)
  const cs = Array.from(text)
  for (let i = 0; i < cs.length; i++) {
    for (const g of [cs[i]!, cs[i]! + (cs[i + 1] ?? '')]) if (g.trim()) v[fnv1a(g) % dims]! += 1
  }
  return v
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const calls: FakeOpenAI['calls'] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      const { input, dimensions, model } = JSON.parse(body)
      calls.push({ input, model, auth: String(req.headers.authorization) })
      const data = (input as string[]).map((t, index) => ({ object: 'embedding', index, embedding: fakeEmbedding(t, dimensions) }))
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ object: 'list', data, model, usage: { prompt_tokens: 1, total_tokens: 1 } }))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    calls,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}
