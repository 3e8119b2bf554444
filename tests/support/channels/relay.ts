/** What the local Bot API relays (flood control, holding) share: read a request, pass its headers on. */
import type { IncomingMessage } from 'node:http'

export const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve) => {
    const parts: Buffer[] = []
    req.on('data', (d: Buffer) => parts.push(d)).on('end', () => resolve(Buffer.concat(parts)))
  })

/** The request's headers minus the ones fetch sets itself. */
export const forwardedHeaders = (req: IncomingMessage) =>
  Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k))) as Record<string, string>
