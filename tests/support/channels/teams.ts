/**
 * Teams customers for the shared journey, playing the Bot Connector locally: the driver
 * posts Activities to /api/messages as the Connector would, and a small HTTP server it
 * starts stands in for the Connector's REST API — it records every activity the bot sends
 * (POST /v3/conversations/{id}/activities[/{replyTo}]) and answers {id}. Authentication
 * is switched off (TEAMS_AUTH=off), as with the Bot Framework Emulator.
 */
import { createServer, type Server } from 'node:http'
import { createTeamsModule } from '../../../adapters/teams/module.ts'
import type { Runtime } from '../../../bot/runtime.ts'
import { serveChannelApp, type ChannelApp } from './channelApp.ts'
import type { ChannelDriver, CustomerOnChannel, SeenMessage } from './driver.ts'

export const BOT = { id: '28:kefu-bot', name: 'Kefu' }

export interface SentActivity {
  conversationId: string
  id: string
  activity: any
}

/**
 * The Connector's REST API, as far as a bot sending messages uses it, and the attachments
 * service that holds images people paste (GET /v3/attachments/{id}/views/original). With
 * `acceptToken`, as the real service does, every call without `Authorization: Bearer <a token
 * it accepts>` is a 401 (and recorded in `refused`).
 */
export class FakeConnector {
  sent: SentActivity[] = []
  refused: string[] = []
  /** Authorization headers seen on attachment downloads. */
  attachmentAuth: (string | undefined)[] = []
  acceptToken: ((token: string) => boolean) | null = null
  private attachments = new Map<string, { bytes: Uint8Array; contentType: string }>()
  private server: Server | null = null
  private n = 0
  port = 0

  /** An image a person pasted: its contentUrl for the activity. */
  addAttachment(id: string, bytes: Uint8Array, contentType: string): string {
    this.attachments.set(id, { bytes, contentType })
    return `${this.url}v3/attachments/${id}/views/original`
  }

  get url() {
    return `http://127.0.0.1:${this.port}/`
  }

  async start(port = 0): Promise<void> {
    this.server = createServer((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        const bearer = req.headers.authorization?.match(/^Bearer (\S+)$/)?.[1]
        if (this.acceptToken && !(bearer && this.acceptToken(bearer))) {
          this.refused.push(`${req.method} ${req.url}`)
          return void res
            .writeHead(401, { 'content-type': 'application/json' })
            .end(JSON.stringify({ message: 'Authorization has been denied for this request.' }))
        }
        const att = req.url?.match(/^\/v3\/attachments\/([^/]+)\/views\/original$/)
        if (req.method === 'GET' && att) {
          this.attachmentAuth.push(req.headers.authorization)
          const file = this.attachments.get(decodeURIComponent(att[1]!))
          if (!file) return void res.writeHead(404).end()
          return void res.writeHead(200, { 'content-type': file.contentType }).end(Buffer.from(file.bytes))
        }
        const m = req.url?.match(/^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/)
        if (req.method !== 'POST' || !m) return void res.writeHead(404).end()
        const id = `act-${++this.n}`
        this.sent.push({ conversationId: decodeURIComponent(m[1]!), id, activity: JSON.parse(body || '{}') })
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }))
      })
    })
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve))
    this.port = (this.server.address() as { port: number }).port
  }

  async stop(): Promise<void> {
    const s = this.server
    this.server = null
    if (!s) return
    await new Promise<void>((resolve) => {
      s.close(() => resolve())
      s.closeAllConnections()
    })
  }

  to(conversationId: string) {
    return this.sent.filter((s) => s.conversationId === conversationId)
  }
}

/** What a person sees of one activity: its text and the titles of the card's Submit buttons. */
export function seen(activity: any): SeenMessage & { submits: Map<string, unknown> } {
  const content = activity.attachments?.find((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content
  const actions = [...(content?.actions ?? []), ...(content?.body ?? []).flatMap((b: any) => (b.type === 'ActionSet' ? b.actions : []))]
  const submits = actions.filter((a: any) => a.type === 'Action.Submit')
  return { text: activity.text ?? '', buttons: submits.map((a: any) => a.title), submits: new Map(submits.map((a: any) => [a.title, a.data])) }
}

export interface TeamsCustomer extends CustomerOnChannel {
  conversationId: string
  userId: string
  /** The bot was added to this person's chat (conversationUpdate, membersAdded: bot and person). */
  join(): Promise<Response>
  /** The person installed the bot for themselves: membersAdded names only the bot, as Teams sends it. */
  install(): Promise<Response>
  /** Post a raw activity for this person's chat (tests of odd or repeated input). */
  post(activity: Record<string, unknown>): Promise<Response>
}

export interface TeamsDriver extends ChannelDriver {
  connector: FakeConnector
  app(): ChannelApp
  newCustomer(): Promise<TeamsCustomer>
}

export function teamsDriver(opts: { requestTimeoutMs?: number } = {}): TeamsDriver {
  const connector = new FakeConnector()
  let app: ChannelApp
  let nextUser = 1
  let nextActivity = 1

  return {
    channel: 'teams',
    connector,
    app: () => app,
    async start(rt: Runtime) {
      await connector.start()
      app = await serveChannelApp(rt, createTeamsModule({ requestTimeoutMs: opts.requestTimeoutMs ?? 5000 }), { TEAMS_AUTH: 'off' })
    },
    async newCustomer(): Promise<TeamsCustomer> {
      const n = nextUser++
      const user = { id: `29:user-${n}`, name: `顾客 ${n}` }
      const conversationId = `a:personal-chat-${n}`
      const base = () => ({
        channelId: 'msteams',
        serviceUrl: connector.url,
        from: user,
        recipient: BOT,
        conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-1' },
        locale: 'zh-CN',
        timestamp: new Date().toISOString(),
      })
      const post = (activity: Record<string, unknown>) =>
        fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...base(), ...activity }) })
      const must = async (r: Promise<Response>) => {
        const res = await r
        if (res.status !== 200) throw new Error(`/api/messages answered ${res.status}: ${await res.text()}`)
        return res
      }
      const returned = new Set<string>()
      return {
        conversationId,
        userId: user.id,
        post,
        join: () => must(post({ type: 'conversationUpdate', id: `cu-${nextActivity++}`, membersAdded: [BOT, user] })),
        install: () => must(post({ type: 'conversationUpdate', id: `cu-${nextActivity++}`, membersAdded: [{ id: BOT.id }] })),
        async say(text) {
          await must(post({ type: 'message', id: `m-${nextActivity++}`, text }))
        },
        async press(label) {
          const card = connector
            .to(conversationId)
            .map((s) => seen(s.activity))
            .reverse()
            .find((s) => s.submits.has(label))
          if (!card)
            throw new Error(
              `no button "${label}" among: ${connector
                .to(conversationId)
                .flatMap((s) => seen(s.activity).buttons)
                .join(' | ')}`,
            )
          await must(post({ type: 'message', id: `m-${nextActivity++}`, value: card.submits.get(label) }))
        },
        async receive(match, timeoutMs = 15_000) {
          const until = Date.now() + timeoutMs
          for (;;) {
            const hit = connector.to(conversationId).find((s) => !returned.has(s.id) && match.test(seen(s.activity).text))
            if (hit) {
              returned.add(hit.id)
              const { text, buttons } = seen(hit.activity)
              return { text, buttons }
            }
            if (Date.now() > until) {
              const got = connector.to(conversationId).map((s) => `- ${seen(s.activity).text} [${seen(s.activity).buttons.join(' | ')}]`)
              throw new Error(`no Teams message matching ${match} within ${timeoutMs} ms; got:\n${got.join('\n')}`)
            }
            await new Promise((r) => setTimeout(r, 100))
          }
        },
      }
    },
    async stop() {
      await app?.stop()
      await connector.stop()
    },
  }
}
