import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { verifyPassword } from '../../bot/auth/secrets.ts'
import { openDb } from '../../bot/db/client.ts'

const KEFU = new URL('../../bin/kefu.js', import.meta.url).pathname

interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  out: string
}

/** Run `kefu …` as a real process with a clean environment plus `env`. */
function kefu(
  args: string[],
  env: Record<string, string>,
  opts: { until?: (out: string) => boolean; onReady?: (pid: number, out: () => string) => Promise<void> | void } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [KEFU, ...args], {
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let fired = false
    const onData = (d: Buffer) => {
      out += String(d)
      if (!fired && opts.until?.(out)) {
        fired = true
        void opts.onReady?.(child.pid!, () => out)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code, signal) => resolve({ code, signal, out }))
  })
}

describe('the kefu command', () => {
  const dirs: string[] = []
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'kefu-cli-'))
    dirs.push(d)
    return d
  }
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  })

  it('prints help for every command', async () => {
    for (const args of [['--help'], ['start', '--help'], ['worker', '--help'], ['migrate', '--help'], ['user', 'create', '--help']]) {
      const r = await kefu(args, {})
      expect(r.code, args.join(' ')).toBe(0)
      expect(r.out).toContain('Usage: kefu')
    }
  })

  it('refuses a wrong configuration before starting anything, naming the variable', async () => {
    const dir = tmp()
    const r = await kefu(['start'], { PORT: 'eighty', REDIS_URL: 'http://nope', DATA_DIR: dir })
    expect(r.code).toBe(2)
    expect(r.out).toMatch(/PORT: .*HTTP port/)
    expect(r.out).toMatch(/REDIS_URL: .*redis:\/\//)
    expect(r.out).toContain('Nothing was started')
  })

  it('refuses WeChat safe mode without an AppID before starting anything', async () => {
    const r = await kefu(['start'], { WECHAT_TOKEN: 'kefutest', WECHAT_ENCODING_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', DATA_DIR: tmp() })
    expect(r.code).toBe(2)
    expect(r.out).toContain('但没有设置 WECHAT_APP_ID')
    expect(r.out).toContain('but WECHAT_APP_ID is not')
    expect(r.out).toContain('Nothing was started')
  })

  it('refuses to start when an applied migration was edited, naming the file', async () => {
    const dir = tmp()
    expect((await kefu(['migrate'], { DATA_DIR: dir })).code).toBe(0)
    // As if 0020's file had been edited after this database applied it.
    const db = await openDb({ dataDir: join(dir, 'pg') })
    await db.query(`update schema_migrations set checksum = repeat('0', 64) where version = 20`)
    await db.close()
    const r = await kefu(['start'], { DATA_DIR: dir, PORT: String(30000 + Math.floor(Math.random() * 20000)) })
    expect(r.code).toBe(2)
    expect(r.out).toContain('0020_conversations.sql')
    expect(r.out).toContain('Nothing was started')
  }, 180_000)

  it('retries an unreachable database with a log line per attempt, then exits non-zero with the reason', async () => {
    const r = await kefu(['migrate'], { DATABASE_URL: 'postgres://kefu@127.0.0.1:1/kefu', DATABASE_CONNECT_RETRIES: '1' })
    expect(r.code).toBe(1)
    expect(r.out.match(/database not reachable yet; retrying/g)).toHaveLength(1)
    expect(r.out).toMatch(/database unreachable after 2 attempt\(s\): .*ECONNREFUSED/)
  })

  it('refuses a second process on the embedded database folder, and takes over the lock of one that was killed', async () => {
    const dir = tmp()
    const port = String(30000 + Math.floor(Math.random() * 20000))
    let refused: Run | null = null
    const server = await kefu(
      ['start'],
      { DATA_DIR: dir, PORT: port },
      {
        until: (out) => out.includes('Kefu is running'),
        onReady: async (pid) => {
          refused = await kefu(['user', 'create', '-u', 'lin', '-r', 'agent'], { DATA_DIR: dir })
          process.kill(pid, 'SIGKILL') // no clean stop: the lock file stays behind
        },
      },
    )
    expect(server.signal).toBe('SIGKILL')
    expect(refused!.code).toBe(2)
    expect(refused!.out).toMatch(/in use by process \d+/)
    expect(refused!.out).toContain('正被进程')
    expect(refused!.out).not.toContain('Created')
    // The owner is gone: the next process takes the lock over, and its work persists.
    const created = await kefu(['user', 'create', '-u', 'lin', '-r', 'agent', '--password', 'longenough'], { DATA_DIR: dir })
    expect(created.code).toBe(0)
    const again = await kefu(['user', 'create', '-u', 'lin', '-r', 'agent', '--password', 'longenough'], { DATA_DIR: dir })
    expect(again.out).toContain('already exists')
  }, 120_000)

  // Issue 18, item 10: a quiet first run — migrations counted only when applied, no line per
  // request, JSON when not on a terminal (readable lines on request), the passwords last and boxed.
  it('starts on the embedded default, prints the staff passwords last in a box, serves /healthz, and stops cleanly on SIGTERM', async () => {
    const dir = tmp()
    const port = String(30000 + Math.floor(Math.random() * 20000))
    let health = 0
    let atReady = ''
    const first = await kefu(
      ['start'],
      { DATA_DIR: dir, PORT: port },
      {
        until: (out) => out.includes('user set-password -u admin') && out.trimEnd().endsWith('+'),
        onReady: async (pid, out) => {
          for (let i = 0; i < 3; i++) health = (await fetch(`http://127.0.0.1:${port}/healthz`)).status
          await new Promise((r) => setTimeout(r, 300))
          atReady = out()
          process.kill(pid, 'SIGTERM')
        },
      },
    )
    expect(health).toBe(200)
    expect(first.code).toBe(0)
    expect(first.out).toContain('stopped cleanly')
    const password = first.out.match(/\| +admin +username admin +password (\S{8,}) +\|/)?.[1]
    expect(password).toBeDefined()
    expect(first.out).toMatch(/\| +agent +username agent +password \S{8,} +\|/)
    // The box is the last thing said before the stop: the requests made after it logged nothing.
    expect(atReady.trimEnd().endsWith('+')).toBe(true)
    expect(atReady.indexOf('Kefu is running')).toBeLessThan(atReady.indexOf('Staff accounts'))
    expect(first.out).not.toContain('"msg":"request"')
    expect(first.out).toContain('"msg":"kefu is serving"') // not a terminal: JSON lines
    expect(first.out).toMatch(/migrations: \d+\/\d+/) // this start applied them

    // Second start on the same folder: data persisted, nothing to migrate, no passwords again;
    // LOG_FORMAT=pretty gives one readable line per event.
    const second = await kefu(
      ['start'],
      { DATA_DIR: dir, PORT: port, LOG_FORMAT: 'pretty' },
      {
        until: (out) => out.includes('Kefu is running'),
        onReady: (pid) => void process.kill(pid, 'SIGTERM'),
      },
    )
    expect(second.code).toBe(0)
    expect(second.out).not.toContain('Staff accounts')
    expect(second.out).not.toContain('migrations')
    expect(second.out).toMatch(/\d\d:\d\d:\d\d INFO {2}kefu is serving {2}port=\d+ database=pglite/)
    expect(second.out).not.toContain('"msg"')

    // The way back in that the box names.
    const reset = await kefu(['user', 'set-password', '-u', 'admin'], { DATA_DIR: dir })
    expect(reset.code).toBe(0)
    const fresh = reset.out.match(/Password: (\S+)/)?.[1]
    expect(fresh).toBeDefined()
    const db = await openDb({ dataDir: join(dir, 'pg') })
    const hash = (await db.query<any>(`select password_hash from staff_users where username = 'admin'`)).rows[0].password_hash
    await db.close()
    expect(await verifyPassword(hash, fresh!)).toBe(true)
    expect(await verifyPassword(hash, password!)).toBe(false)
    expect((await kefu(['user', 'set-password', '-u', 'nobody', '--password', 'longenough'], { DATA_DIR: dir })).out).toContain('No staff account "nobody"')

    const user = await kefu(['user', 'create', '-u', 'mei', '-r', 'supervisor'], { DATA_DIR: dir })
    expect(user.code).toBe(0)
    expect(user.out).toMatch(/Created supervisor "mei".*\nPassword: \S+/)
    const dup = await kefu(['user', 'create', '-u', 'mei', '-r', 'agent', '--password', 'longenough'], { DATA_DIR: dir })
    expect(dup.code).toBe(1)
    expect(dup.out).toContain('already exists')
  }, 300_000)
})
