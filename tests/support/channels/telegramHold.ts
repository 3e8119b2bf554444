/**
 * A Bot API relay in front of telegram-test-api that can catch the bot mid-send: while
 * holding, a sendMessage call is passed on (the test server stores it: the customer has the
 * message) but its answer never comes back, as when the sending process dies between the
 * platform taking a message and the process hearing so. Everything else passes through.
 */
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { forwardedHeaders, readBody } from './relay.ts'

export interface HoldingRelay {
  url: string
  /** From now on, sendMessage answers are withheld (the message still reaches the test server). */
  hold(): void
  /** Answer normally again (answers already withheld stay withheld). */
  release(): void
  /** sendMessage calls whose answer is being withheld. */
  held(): number
  close(): Promise<void>
}

export async function startHoldingRelay(upstream: string): Promise<HoldingRelay> {
  let holding = false
  const withheld = new Set<ServerResponse>()
  const server = createServer(async (req, res) => {
    const body = await readBody(req)
    const headers = forwardedHeaders(req)
    const hold = holding && req.url?.endsWith('/sendMessage')
    try {
      const r = await fetch(upstream + req.url, { method: req.method, headers, body: req.method === 'GET' ? undefined : new Uint8Array(body) })
      const answer = Buffer.from(await r.arrayBuffer())
      if (hold) return void withheld.add(res)
      res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' }).end(answer)
    } catch {
      res.destroy()
    }
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hold: () => void (holding = true),
    release: () => void (holding = false),
    held: () => withheld.size,
    close: () => {
      for (const res of withheld) res.destroy()
      server.closeAllConnections()
      return new Promise<void>((r) => server.close(() => r()))
    },
  }
}
