/** Start the servers bench:chat measures, as child processes: `kefu start` and the echo ceiling. */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../../', import.meta.url))

export interface Child {
  url: string
  pid: number
  stop(): Promise<void>
}

/** A port nothing listens on now, for a child server to take. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })

function waitFor(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${out.slice(-2000)}`)), timeoutMs)
    let started = false
    const onData = (d: Buffer) => {
      if (started) return // still read, so the child never blocks on a full pipe, but not kept
      out = (out + String(d)).slice(-20_000)
      const m = out.match(pattern)
      if (m) {
        started = true
        clearTimeout(timer)
        resolve(m)
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${out.slice(-2000)}`)))
  })
}

const stopper = (child: ChildProcess) => () =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })

/** Kefu on the embedded default (fresh data folder) or on a PostgreSQL URL, seeded with the demo. */
export interface KefuOptions {
  databaseUrl?: string
  port: number
  dataDir?: string
  env?: Record<string, string>
  /** The kefu command; `['start']` by default (`['start', '--no-worker']`, `['worker']`). */
  args?: string[]
  /** Options for node itself, before the script (e.g. `--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs?: string[]
}

export async function startKefu(opts: KefuOptions): Promise<Child> {
  const env: Record<string, string> = {
    PATH: process.env.PATH!,
    HOME: process.env.HOME ?? '/tmp',
    PORT: String(opts.port),
    HOST: '127.0.0.1',
    SEED_DEMO: 'true',
    // Request logging on a 2-core machine costs as much as the work itself; errors still show.
    LOG_LEVEL: 'warn',
    DATA_DIR: opts.dataDir ?? mkdtempSync(join(tmpdir(), 'kefu-bench-chat-')),
    // Capacity, not protection, is measured: every simulated customer shares one loopback
    // address and writes far faster than a person, so the rate limits would refuse them.
    WEBCHAT_LIMIT_SESSIONS_PER_IP: 'off',
    WEBCHAT_LIMIT_MESSAGES_PER_VISITOR: 'off',
    WEBCHAT_LIMIT_MESSAGES_PER_IP: 'off',
    WEBCHAT_LIMIT_READS_PER_IP: 'off',
  }
  Object.assign(env, opts.env ?? {})
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl
  const args = opts.args ?? ['start']
  const worker = args[0] === 'worker'
  // The worker says it runs only in its log, at info.
  if (worker) env.LOG_LEVEL = 'info'
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), join(root, 'bin/kefu.js'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  await waitFor(child, worker ? /kefu worker is running/ : /Kefu is running/, 180_000)
  return { url: `http://127.0.0.1:${opts.port}`, pid: child.pid!, stop: stopper(child) }
}

export async function startEcho(): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'adapters/webchat/bench/echo-server.ts'), '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: root,
  })
  const m = await waitFor(child, /listening (\d+)/, 30_000)
  return { url: `http://127.0.0.1:${m[1]}`, pid: child.pid!, stop: stopper(child) }
}
