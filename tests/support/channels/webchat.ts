/** The web chat as a ChannelDriver: the widget's own HTTP calls against a real server. */
import { randomUUID } from 'node:crypto'
import type { Runtime } from '../../../bot/runtime.ts'
import { conversationsModule } from '../../../bot/conversations/module.ts'
import { ticketsModule } from '../../../bot/tickets/module.ts'
import { webchatModule } from '../../../adapters/webchat/module.ts'
import { knowledgeModule } from '../../../knowledge/module.ts'
import { serveForTest } from '../server.ts'
import type { ChannelDriver, CustomerOnChannel, SeenMessage } from './driver.ts'

export function webchatDriver(): ChannelDriver {
  let server: { url: string; stop(): Promise<void> } | null = null
  return {
    channel: 'webchat',
    async start(rt: Runtime) {
      const modules = [knowledgeModule, conversationsModule, ticketsModule, webchatModule]
      for (const m of modules) await m.prepare?.(rt)
      server = await serveForTest(rt, modules)
    },
    async newCustomer(): Promise<CustomerOnChannel> {
      const base = server!.url
      const s = (await (
        await fetch(`${base}/webchat/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
      ).json()) as { token: string }
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${s.token}` }
      const seen = new Set<number>()
      let lastButtons: { label: string; payload: string }[] = []
      const post = async (text: string, payload?: string) => {
        const res = await fetch(`${base}/webchat/api/messages`, { method: 'POST', headers, body: JSON.stringify({ id: randomUUID(), text, payload }) })
        if (!res.ok) throw new Error(`web chat refused: ${res.status} ${await res.text()}`)
      }
      return {
        say: (text) => post(text),
        async press(label) {
          const b = lastButtons.find((x) => x.label === label)
          if (!b) throw new Error(`no button "${label}" among ${lastButtons.map((x) => x.label).join(', ')}`)
          await post(b.label, b.payload)
        },
        async receive(match, timeoutMs = 10_000): Promise<SeenMessage> {
          const until = Date.now() + timeoutMs
          while (Date.now() < until) {
            const h = (await (await fetch(`${base}/webchat/api/history`, { headers })).json()) as { messages: any[] }
            for (const m of h.messages) {
              if (seen.has(m.id) || m.from === 'customer') continue
              seen.add(m.id)
              const buttons = (m.buttons ?? m.parts?.buttons ?? []) as { label: string; payload: string }[]
              if (buttons.length) lastButtons = buttons
              if (match.test(m.text)) return { text: m.text, buttons: buttons.map((b) => b.label) }
            }
            await new Promise((r) => setTimeout(r, 100))
          }
          throw new Error(`web chat customer never received ${match}`)
        },
      }
    },
    async stop() {
      await server?.stop()
    },
  }
}
