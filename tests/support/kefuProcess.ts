/** `kefu …` as a real child process (bin/kefu.js), for tests that SIGKILL it and start it again. */
import { spawn, type ChildProcess } from 'node:child_process'

const KEFU = new URL('../../bin/kefu.js', import.meta.url).pathname

export interface KefuProcess {
  child: ChildProcess
  /** Everything it printed so far (stdout and stderr). */
  output(): string
  /** SIGKILL, and wait until it is gone. */
  kill(): Promise<void>
}

/** Start `kefu <args>` with a clean environment plus `env`; resolves once its output contains `ready`. */
export function startKefu(args: string[], env: Record<string, string>, ready: string, timeoutMs = 60_000): Promise<KefuProcess> {
  const child = spawn(process.execPath, [KEFU, ...args], {
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const proc: KefuProcess = {
    child,
    output: () => out,
    kill: async () => {
      if (child.exitCode != null || child.signalCode != null) return
      const gone = new Promise((r) => child.once('exit', r))
      child.kill('SIGKILL')
      await gone
    },
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kefu ${args.join(' ')} not ready after ${timeoutMs} ms:\n${out}`)), timeoutMs)
    const onData = (d: Buffer) => {
      out += String(d)
      if (out.includes(ready)) {
        clearTimeout(timer)
        resolve(proc)
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`kefu ${args.join(' ')} exited (${code ?? signal}) before it was ready:\n${out}`))
    })
  })
}
