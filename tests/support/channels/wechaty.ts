/**
 * wechaty as a ChannelDriver, on wechaty-puppet-mock: a mock contact writes to the bot's
 * mock account, and what the bot says to that contact is what the customer receives.
 * Options arrive as numbered text, so pressing one types its number.
 */
import { randomBytes } from 'node:crypto'
import type { Runtime } from '../../../bot/runtime.ts'
import { conversationsModule } from '../../../bot/conversations/module.ts'
import { ticketsModule } from '../../../bot/tickets/module.ts'
import { createWechatyModule } from '../../../adapters/wechaty/module.ts'
import { knowledgeModule } from '../../../knowledge/module.ts'
import { serveForTest } from '../server.ts'
import type { ChannelDriver, CustomerOnChannel } from './driver.ts'
import { textInbox } from './textInbox.ts'

export interface WechatyDriver extends ChannelDriver {
  /** The mocker behind the puppet: create rooms, more contacts… */
  mocker(): any
  botUser(): any
  newCustomer(): Promise<CustomerOnChannel & { contact: any }>
}

export function wechatyDriver(): WechatyDriver {
  let mocker: any = null
  let bot: any = null
  let server: { url: string; stop(): Promise<void> } | null = null
  let stopRunner: (() => Promise<void>) | null = null
  return {
    channel: 'wechaty',
    mocker: () => mocker,
    botUser: () => bot,
    async start(rt: Runtime) {
      const { PuppetMock, mock } = await import('wechaty-puppet-mock')
      mocker = new mock.Mocker()
      const wechaty = createWechatyModule({ puppet: new PuppetMock({ mocker }), sessionName: undefined })
      const modules = [knowledgeModule, conversationsModule, ticketsModule, wechaty]
      for (const m of modules) await m.prepare?.(rt)
      server = await serveForTest(rt, modules)
      const runner = await wechaty.runner()
      if (!runner) throw new Error('wechaty did not start')
      stopRunner = runner.stop
      bot = mocker.createContact({ name: '客服小助手' })
      mocker.login(bot)
      await runner.loggedIn
    },
    async newCustomer() {
      const contact = mocker.createContact({ name: `顾客${randomBytes(3).toString('hex')}` })
      const inbox: string[] = []
      // The mock emits every message of the chat on the contact; the bot's are the ones it talks.
      contact.on('message', (m: any) => {
        if (m.talker().id === bot.id && !m.room()) inbox.push(m.text() ?? '')
      })
      const say = async (text: string) => void contact.say(text).to(bot)
      return {
        contact,
        say,
        ...textInbox('wechaty', inbox, say),
      }
    },
    async stop() {
      await stopRunner?.().catch(() => {})
      await server?.stop()
    },
  }
}
