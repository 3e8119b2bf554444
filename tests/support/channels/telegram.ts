/**
 * Telegram customers for the shared journey, through `telegram-test-api` — a local Bot API
 * server. The bot (telegraf's client) is pointed at it with TELEGRAM_API_ROOT; customers
 * write through the server's client API, and what the bot sent — text and inline
 * keyboards — is read back from it.
 *
 * mode 'polling' (default): the bot long-polls the test server, as in development.
 * mode 'webhook': the driver posts each update to /telegram/webhook itself, with the
 * secret header, as Telegram does in production (the test server's own webhook calls
 * carry no secret header).
 */
import telegramTestApi from 'telegram-test-api'
import type { Runtime } from '../../../bot/runtime.ts'
import { createTelegramModule, type TelegramModule } from '../../../adapters/telegram/module.ts'
import type { ChannelDriver, CustomerOnChannel, SeenMessage } from './driver.ts'
import { freePort, serveChannelApp, type ChannelApp } from './channelApp.ts'
import { startFloodControl, type FloodControl } from './telegramFlood.ts'

export const TEST_BOT_TOKEN = '123456:kefu-test-token'
export const TEST_WEBHOOK_SECRET = 'kefu-test-secret'

/** The parts of telegram-test-api's server and client this driver uses (its CommonJS typings do not load as ESM). */
export interface TestBotApi {
  config: { apiURL: string }
  storage: { botMessages: { messageId: number; message: any }[] }
  start(): Promise<void>
  stop(): Promise<boolean>
  getClient(
    token: string,
    options: { userId: number; chatId: number; firstName: string },
  ): {
    makeMessage(text: string): any
    makeCallbackQuery(data: string, options: object): any
    sendMessage(message: unknown): Promise<unknown>
    sendCallback(query: unknown): Promise<unknown>
  }
}
const TestBotApiServer = ((telegramTestApi as any).default ?? telegramTestApi) as new (config: object) => TestBotApi

interface Received extends SeenMessage {
  callbacks: Map<string, string>
  messageId: number
}

/** What the customer sees of an HTML message: tags gone, entities decoded. */
export const visibleText = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')

export interface TelegramDriver extends ChannelDriver {
  server: () => TestBotApi
  app: () => ChannelApp
  /** Telegram's 429s, when the driver was made with `floodControl`. */
  flood: () => FloodControl
}

export function telegramDriver(opts: { mode?: 'polling' | 'webhook'; chatIntervalMs?: number; floodControl?: boolean } = {}): TelegramDriver {
  const mode = opts.mode ?? 'polling'
  let server: TestBotApi
  let app: ChannelApp
  let module: TelegramModule
  let flood: FloodControl | null = null
  let nextUser = 1000
  let nextUpdate = 1
  let nextMessage = 1

  async function postUpdate(update: Record<string, unknown>) {
    const res = await fetch(`${app.url}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TEST_WEBHOOK_SECRET },
      body: JSON.stringify({ update_id: nextUpdate++, ...update }),
    })
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`)
  }

  return {
    channel: 'telegram',
    server: () => server,
    app: () => app,
    flood: () => flood!,
    async start(rt: Runtime) {
      server = new TestBotApiServer({ port: await freePort(), host: '127.0.0.1', storeTimeout: 600 })
      await server.start()
      if (opts.floodControl) flood = await startFloodControl(server.config.apiURL)
      module = createTelegramModule({ chatIntervalMs: opts.chatIntervalMs ?? 50, pollTimeoutSec: 1 })
      app = await serveChannelApp(rt, module, {
        TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
        TELEGRAM_MODE: mode,
        TELEGRAM_API_ROOT: flood?.url ?? server.config.apiURL,
        ...(mode === 'webhook' ? { TELEGRAM_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET } : {}),
      })
    },
    async newCustomer(): Promise<CustomerOnChannel> {
      const userId = nextUser++
      const client = server.getClient(TEST_BOT_TOKEN, { userId, chatId: userId, firstName: `顾客${userId}` })
      const inbox: Received[] = []
      const returned = new Set<Received>()

      const fetchNew = async () => {
        const res = await fetch(`${server.config.apiURL}/getUpdates`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token: TEST_BOT_TOKEN, chatId: userId }),
        })
        for (const u of ((await res.json()) as { result: any[] }).result) {
          const rows: { text: string; callback_data: string }[][] = u.message.reply_markup?.inline_keyboard ?? []
          const buttons = rows.flat()
          inbox.push({
            text: visibleText(u.message.text),
            buttons: buttons.map((b) => b.text),
            callbacks: new Map(buttons.map((b) => [b.text, b.callback_data])),
            messageId: u.messageId,
          })
        }
      }

      return {
        async say(text) {
          if (mode === 'polling') return void (await client.sendMessage(client.makeMessage(text)))
          const m = client.makeMessage(text) as any
          await postUpdate({ message: { message_id: nextMessage++, from: m.from, chat: m.chat, date: m.date, text } })
        },
        async press(label) {
          await fetchNew()
          const shown = [...inbox].reverse().find((m) => m.callbacks.has(label))
          if (!shown) throw new Error(`no button "${label}" among: ${inbox.flatMap((m) => m.buttons).join(' | ')}`)
          const data = shown.callbacks.get(label)!
          const q = client.makeCallbackQuery(data, { message: { message_id: shown.messageId } as any })
          if (mode === 'polling') return void (await client.sendCallback(q))
          await postUpdate({ callback_query: { id: `cq${nextUpdate}`, from: q.from, message: q.message, data } })
        },
        async receive(match, timeoutMs = 15_000) {
          const until = Date.now() + timeoutMs
          for (;;) {
            await fetchNew()
            const hit = inbox.find((m) => !returned.has(m) && match.test(m.text))
            if (hit) {
              returned.add(hit)
              return { text: hit.text, buttons: hit.buttons }
            }
            if (Date.now() > until)
              throw new Error(
                `no Telegram message matching ${match} within ${timeoutMs} ms; got:\n${inbox.map((m) => `- ${m.text} [${m.buttons.join(' | ')}]`).join('\n')}`,
              )
            await new Promise((r) => setTimeout(r, 100))
          }
        },
      }
    },
    async stop() {
      await module?.stop()
      await app?.stop()
      await server?.stop()
      await flood?.close()
    },
  }
}
