/**
 * Issue 15, item 7: a worker SIGKILLed while Telegram replies are in the platform's hands.
 * Real processes (`kefu start --no-worker` and `kefu worker`), real PostgreSQL and Redis,
 * telegram-test-api behind a relay that passes sendMessage on but withholds its answer — so
 * at the kill the test server (the customer) has those replies and the worker never heard.
 * After a new worker starts: no customer has any reply twice, the replies never attempted
 * arrive, the agent is told which ones may not have arrived, and each customer's next reply
 * comes within seconds (before: the in-flight replies were sent again after the 5-minute job
 * lock, and the next answers waited up to 314 s behind them).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import telegramTestApi from 'telegram-test-api'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort } from '../support/channels/channelApp.ts'
import { TEST_BOT_TOKEN, TEST_WEBHOOK_SECRET, type TestBotApi } from '../support/channels/telegram.ts'
import { startHoldingRelay, type HoldingRelay } from '../support/channels/telegramHold.ts'
import { startKefu, type KefuProcess } from '../support/kefuProcess.ts'
import { requireEnv, uniqueName } from '../support/services.ts'

const CUSTOMERS = 10
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const TestBotApiServer = ((telegramTestApi as any).default ?? telegramTestApi) as new (config: object) => TestBotApi

async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const v = await probe()
    if (v) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await sleep(50)
  }
}

describe('a worker SIGKILLed in the middle of sending Telegram replies', () => {
  const base = requireEnv('TEST_DATABASE_URL')
  const dbName = uniqueName('crash')
  const dbUrl = (() => {
    const u = new URL(base)
    u.pathname = `/${dbName}`
    return u.toString()
  })()
  const procs: KefuProcess[] = []
  let telegram: TestBotApi
  let relay: HoldingRelay
  const admin = new pg.Client({ connectionString: base })
  let db: pg.Client

  afterAll(async () => {
    for (const p of procs) await p.kill()
    await relay?.close()
    await telegram?.stop()
    await db?.end()
    await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => {})
    await admin.end()
  })

  it('sends no reply twice, delivers every reply never attempted, flags the in-flight ones, and answers next within seconds', async () => {
    await admin.connect()
    await admin.query(`create database ${dbName}`)
    telegram = new TestBotApiServer({ port: await freePort(), host: '127.0.0.1', storeTimeout: 600 })
    await telegram.start()
    relay = await startHoldingRelay(telegram.config.apiURL)
    const port = await freePort()
    const env = {
      DATABASE_URL: dbUrl,
      REDIS_URL: requireEnv('TEST_REDIS_URL'),
      QUEUE_PREFIX: uniqueName('crash'),
      SEED_DEMO: 'false',
      PORT: String(port),
      HOST: '127.0.0.1',
      // Unused on PostgreSQL, but a folder of this run's own, not a fixed path.
      DATA_DIR: mkdtempSync(join(tmpdir(), 'kefu-crash-')),
      PRETRAINED_EMBEDDER: 'off',
      TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      TELEGRAM_API_ROOT: relay.url,
    }
    procs.push(await startKefu(['start', '--no-worker'], env, 'Kefu is running'))
    const worker = await startKefu(['worker'], env, 'kefu worker is running')
    procs.push(worker)
    db = new pg.Client({ connectionString: dbUrl })
    await db.connect()

    let update = 1
    let messageId = 1
    const say = async (user: number, text: string) => {
      const res = await fetch(`http://127.0.0.1:${port}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TEST_WEBHOOK_SECRET },
        body: JSON.stringify({
          update_id: update++,
          message: {
            message_id: messageId++,
            date: Math.floor(Date.now() / 1000),
            from: { id: user, is_bot: false, first_name: `顾客${user}` },
            chat: { id: user, type: 'private' },
            text,
          },
        }),
      })
      expect(res.status).toBe(200)
    }
    const users = Array.from({ length: CUSTOMERS }, (_, i) => 7000 + i)
    const received = (user: number) => telegram.storage.botMessages.filter((m) => String(m.message.chat_id) === String(user)).length
    /** The replies stored for this customer that are meant for them (not private notes). */
    const stored = async (user: number) =>
      (
        await db.query<{ n: number }>(
          `select count(*)::int n from messages m join conversations c on c.id = m.conversation_id
             join customer_identities i on i.customer_id = c.customer_id and i.channel = 'telegram'
            where i.external_id = $1 and m.direction = 'out' and not m.is_private`,
          [String(user)],
        )
      ).rows[0]!.n

    // The worker is caught with replies in Telegram's hands: the relay passes them on, withholds the answers.
    relay.hold()
    for (const u of users) await say(u, '你好')
    await until('replies in flight', () => relay.held() >= 4)
    await sleep(300) // let every free worker slot take a call
    const inFlight = relay.held()
    await worker.kill()
    relay.release()
    const before = new Map(users.map((u) => [u, received(u)]))
    expect([...before.values()].reduce((a, b) => a + b, 0)).toBe(inFlight) // the customer has them; the worker never heard

    const restarted = Date.now()
    procs.push(await startKefu(['worker'], env, 'kefu worker is running'))
    // Every customer asks again at once; their replies queue behind the interrupted ones.
    const asked = Date.now()
    for (const u of users) await say(u, '转人工')
    const answeredIn = new Map<number, number>()
    await until(
      'every reply delivered',
      async () => {
        for (const u of users) {
          if (!answeredIn.has(u) && (await stored(u)) > 0 && received(u) >= (await stored(u))) answeredIn.set(u, Date.now() - asked)
        }
        const pending = await db.query<{ n: number }>(`select count(*)::int n from messages where delivery_status = 'pending'`)
        return answeredIn.size === CUSTOMERS && pending.rows[0]!.n === 0
      },
      90_000,
    )
    await sleep(3000) // time for a duplicate to show up, had anything been sent again
    for (const u of users) expect(received(u), `customer ${u}`).toBe(await stored(u))
    const slowest = Math.max(...answeredIn.values())
    console.info(`[delivery-crash] in flight at the kill: ${inFlight}; worker restart took ${asked - restarted} ms; slowest next reply ${slowest} ms`)
    expect(slowest).toBeLessThan(20_000)

    // The agent is told which replies may not have arrived: exactly the in-flight ones.
    const flagged = await db.query<{ n: number }>(`select count(*)::int n from messages where cardinality(unconfirmed_pieces) > 0 and delivery_status = 'sent'`)
    expect(flagged.rows[0]!.n).toBe(inFlight)
    const notes = await db.query<{ n: number }>(`select count(*)::int n from messages where is_private and text like '%may not have arrived%'`)
    expect(notes.rows[0]!.n).toBe(inFlight)
  }, 180_000)
})
