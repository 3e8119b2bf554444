/**
 * A TCP relay in front of a real server, which a test can cut and restore on the same port:
 * to the client that is the server going away (open connections reset, new ones refused) and
 * coming back, without stopping a server other test files share.
 */
import { createServer, connect, type Server, type Socket } from 'node:net'

export interface TcpProxy {
  port: number
  /** Reset every open connection and refuse new ones. */
  cut(): Promise<void>
  /** Accept again, on the same port. */
  restore(): Promise<void>
  close(): Promise<void>
}

export async function tcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>()
  let server: Server | null = null
  let port = 0
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(target.port, target.host)
        for (const sock of [client, upstream]) {
          sockets.add(sock)
          sock.on('close', () => sockets.delete(sock))
          sock.on('error', () => {})
        }
        client.pipe(upstream).pipe(client)
        client.on('close', () => upstream.destroy())
        upstream.on('close', () => client.destroy())
      })
      s.once('error', reject)
      s.listen(port, '127.0.0.1', () => {
        server = s
        port = (s.address() as { port: number }).port
        resolve()
      })
    })
  const cut = async () => {
    const s = server
    server = null
    for (const sock of sockets) sock.resetAndDestroy()
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()))
  }
  await listen()
  return {
    get port() {
      return port
    },
    cut,
    restore: listen,
    close: cut,
  }
}
