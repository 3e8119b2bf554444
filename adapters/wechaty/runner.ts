/**
 * The wechaty bot in this process: logs in through the configured puppet, turns each
 * message into the bot's turn, and says the outbox's messages to a contact or a group.
 * wechaty is loaded only when the channel is on, so other deployments never pay for it.
 */
import { systemCtx, type Services } from '../../bot/context.ts'
import { handleInbound } from '../../bot/turn/handleInbound.ts'
import type { WechatyConfig } from './config.ts'
import { toInbound } from './inbound.ts'

export interface WechatyRunner {
  /** Resolves when a WeChat account is logged in (after the QR scan for personal accounts). */
  loggedIn: Promise<void>
  say(address: Record<string, unknown>, text: string): Promise<void>
  stop(): Promise<void>
}

export async function startWechatyRunner(services: Services, cfg: WechatyConfig): Promise<WechatyRunner> {
  const { WechatyBuilder } = await import('wechaty')
  const bot = WechatyBuilder.build({
    name: cfg.sessionName,
    puppet: cfg.puppet as any,
    ...(cfg.puppetToken ? { puppetOptions: { token: cfg.puppetToken } } : {}),
  })
  const log = services.log.child({ channel: 'wechaty' })
  let onLogin!: () => void
  const loggedIn = new Promise<void>((r) => (onLogin = r))

  bot.on('scan', (qrcode, status) =>
    log.info({ status, qr: `https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}` }, 'wechaty: scan this QR code with the WeChat account'),
  )
  bot.on('login', (user) => (log.info({ user: user.name() }, 'wechaty: logged in'), onLogin()))
  bot.on('logout', (user) => log.warn({ user: user.name() }, 'wechaty: logged out'))
  bot.on('error', (err) => log.error({ err }, 'wechaty error'))
  bot.on('message', async (m) => {
    try {
      const room = m.room()
      const input = toInbound({
        id: m.id,
        self: m.self(),
        talkerId: m.talker().id,
        talkerName: m.talker().name() || undefined,
        kind: bot.Message.Type[m.type()] ?? 'Unknown',
        text: room ? await m.mentionText() : m.text(),
        roomId: room?.id,
        mentionsBot: room ? await m.mentionSelf() : false,
      })
      if (input) await handleInbound({ ctx: systemCtx(services, 'wechaty'), input })
    } catch (err) {
      log.error({ err, messageId: m.id }, 'wechaty: message not handled')
    }
  })
  await bot.start()

  return {
    loggedIn,
    async say(address, text) {
      if (typeof address.roomId === 'string') {
        const room = await bot.Room.find({ id: address.roomId })
        if (!room) throw new Error(`wechaty: group ${address.roomId} not found`)
        const contact = typeof address.contactId === 'string' ? await bot.Contact.find({ id: address.contactId }) : undefined
        await (contact ? room.say(text, contact) : room.say(text))
        return
      }
      const contact = await bot.Contact.find({ id: String(address.contactId) })
      if (!contact) throw new Error(`wechaty: contact ${String(address.contactId)} not found`)
      await contact.say(text)
    },
    stop: () => bot.stop(),
  }
}
