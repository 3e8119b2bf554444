/**
 * Done-when of issue 14 (media): a photo a customer sends on WeChat, Telegram, Teams and the
 * web chat — each through its own protocol and stand-in (WeChat's media/get, Telegram's
 * getFile, a Teams attachment URL, the web chat's upload) — is kept, shows as an image in the
 * agent console, and appears on a ticket made from that chat, in a real browser; and a photo
 * the agent uploads in the console reaches each channel's stand-in as that channel's own image
 * message (WeChat media/upload + image message, Telegram sendPhoto, a Teams image attachment,
 * the web chat's file for that visitor only).
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consoleModule } from '../../admin/console/module.ts'
import { adminModule } from '../../admin/module.ts'
import { panelModule } from '../../admin/panel/module.ts'
import { webchatModule } from '../../adapters/webchat/module.ts'
import { systemCtx, withActor } from '../../bot/context.ts'
import { conversationsModule } from '../../bot/conversations/module.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { createTicket } from '../../bot/tickets/createTicket.ts'
import { ticketsModule } from '../../bot/tickets/module.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { launchBrowser, staffPage } from '../support/browser.ts'
import { TEST_WEBHOOK_SECRET, telegramDriver } from '../support/channels/telegram.ts'
import { teamsDriver } from '../support/channels/teams.ts'
import { wechatDriver } from '../support/channels/wechat.ts'
import { pngLabelled } from '../support/media.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime } from '../support/services.ts'

/** Loaded, not just present: the browser decoded the bytes the staff media route served. */
const drawn = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)
    .catch(() => false)

describe('a customer photo on every channel reaches the console and the ticket', () => {
  let rt: Runtime
  let browser: Browser
  let site: { url: string; stop(): Promise<void> }
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-media-e2e-'))
  const wechat = wechatDriver({ safeMode: false })
  const telegram = telegramDriver({ mode: 'webhook', floodControl: true })
  const teams = teamsDriver()
  const teamsFile = pngLabelled('teams')

  beforeAll(async () => {
    rt = await testRuntime('pglite', { config: { DATA_DIR: dataDir, SEED_DEMO: 'true' } })
    await createUser({ ctx: systemCtx(rt), input: { username: 'zhou', displayName: '周主管', role: 'supervisor', password: 'super-password-1' } })
    await wechat.start(rt)
    await telegram.start(rt)
    await teams.start(rt)
    const modules = [knowledgeModule, conversationsModule, ticketsModule, webchatModule, consoleModule, panelModule, adminModule]
    for (const m of modules) await m.prepare?.(rt)
    site = await serveForTest(rt, modules)
    browser = await launchBrowser()
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await site?.stop()
    await wechat.stop()
    await telegram.stop()
    await teams.stop()
    await rt?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  /** What a channel's stand-in received from the agent, as bytes (null while nothing arrived). */
  type Received = (agentPng: Uint8Array) => Promise<boolean>
  /** Each channel: send a photo without words, then ask for a person. Returns the bytes sent and how to see the agent's photo arrive. */
  const SEND: Record<string, () => Promise<{ bytes: Uint8Array; received: Received }>> = {
    async wechat() {
      const bytes = pngLabelled('wechat')
      const c = await wechat.newCustomer()
      wechat.api().addMedia('MEDIA_ID_DAMAGE', bytes, 'image/jpeg')
      const sent = await c.post({ MsgType: 'image', PicUrl: 'http://mmbiz.qpic.cn/mmbiz/damage/0', MediaId: 'MEDIA_ID_DAMAGE', MsgId: '6100000000000000001' })
      expect(sent.status).toBe(200)
      await c.post({ MsgType: 'text', Content: '转人工', MsgId: '6100000000000000002' })
      const received: Received = async (png) =>
        wechat.api().sent.some((m) => m.touser === c.openid && m.image && Buffer.from(m.image.bytes).equals(Buffer.from(png)))
      return { bytes, received }
    },
    async telegram() {
      const bytes = pngLabelled('telegram')
      telegram.flood().addFile('AgACAgIAAxkBAAIdamage', bytes)
      const from = { id: 7001, is_bot: false, first_name: '李' }
      const post = (update_id: number, message: object) =>
        fetch(`${telegram.app().url}/telegram/webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TEST_WEBHOOK_SECRET },
          body: JSON.stringify({ update_id, message: { date: 1, from, chat: { id: 7001, type: 'private' }, ...message } }),
        })
      const photo = [{ file_id: 'AgACAgIAAxkBAAIdamage', file_unique_id: 'AQADdamage', width: 1, height: 1 }]
      expect((await post(1, { message_id: 1, photo })).status).toBe(200)
      expect((await post(2, { message_id: 2, text: '转人工' })).status).toBe(200)
      const received: Received = async (png) =>
        telegram.flood().uploads.some((u) => u.method === 'sendPhoto' && u.chatId === '7001' && u.body.includes(Buffer.from(png)))
      return { bytes, received }
    },
    async teams() {
      const c = await teams.newCustomer()
      // A pasted picture lives on the Bot Framework service (the activity's serviceUrl).
      const url = teams.connector.addAttachment('damage', teamsFile, 'image/png')
      const res = await c.post({ type: 'message', id: 'photo-1', text: '', attachments: [{ contentType: 'image/png', contentUrl: url, name: '破损.png' }] })
      expect(res.status).toBe(200)
      await c.say('转人工')
      const received: Received = async (png) =>
        teams.connector
          .to(c.conversationId)
          .some((a) => a.activity.attachments?.some((att: any) => att.contentUrl === `data:image/png;base64,${Buffer.from(png).toString('base64')}`))
      return { bytes: teamsFile, received }
    },
    async webchat() {
      const bytes = pngLabelled('webchat')
      const session = (await (
        await fetch(`${site.url}/webchat/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
      ).json()) as {
        token: string
      }
      const auth = { authorization: `Bearer ${session.token}` }
      const up = await fetch(`${site.url}/webchat/api/upload`, { method: 'POST', headers: { ...auth, 'content-type': 'image/png' }, body: Buffer.from(bytes) })
      expect(up.status).toBe(201)
      const { fileId } = (await up.json()) as { fileId: string }
      const post = (body: object) =>
        fetch(`${site.url}/webchat/api/messages`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) })
      expect((await post({ id: randomUUID(), text: '', file: { id: fileId, name: '破损.png' } })).status).toBe(200)
      expect((await post({ id: randomUUID(), text: '转人工' })).status).toBe(200)
      const received: Received = async (png) => {
        const history = (await (await fetch(`${site.url}/webchat/api/history`, { headers: auth })).json()) as { messages: any[] }
        const mine = history.messages.find((m) => m.from === 'agent' && m.file?.image)
        if (!mine) return false
        const file = await fetch(`${site.url}${mine.file.url}?token=${encodeURIComponent(session.token)}`)
        // Another visitor cannot read it.
        const other = (await (
          await fetch(`${site.url}/webchat/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
        ).json()) as {
          token: string
        }
        expect((await fetch(`${site.url}${mine.file.url}?token=${encodeURIComponent(other.token)}`)).status).toBe(404)
        return file.status === 200 && file.headers.get('x-content-type-options') === 'nosniff' && Buffer.from(await file.arrayBuffer()).equals(Buffer.from(png))
      }
      return { bytes, received }
    },
  }

  it.each(Object.keys(SEND))(
    '%s: the photo is drawn in the console transcript and on the ticket; the agent photo reaches the customer',
    async (channel) => {
      const { bytes, received } = await SEND[channel]!()
      const conv = (
        await rt.db.query<any>(
          `select c.id, c.customer_id, m.parts from conversations c join messages m on m.conversation_id = c.id and m.parts->'media' is not null
          where c.channel = $1 order by m.id desc limit 1`,
          [channel],
        )
      ).rows[0]
      expect(conv.parts.media).toMatchObject({ type: 'image', contentType: 'image/png', size: bytes.byteLength })

      const page = await staffPage(browser, site.url, 'zhou', 'super-password-1')
      await page.goto(`${site.url}/admin/inbox#c${conv.id}`)
      await page.locator('[data-testid=media-image]').first().waitFor({ timeout: 15_000 })
      await expect.poll(() => drawn(page, '[data-testid=media-image]'), { timeout: 10_000 }).toBe(true)

      const staff = (await rt.db.query<any>(`select id from staff_users where username = 'zhou'`)).rows[0].id
      const ctx = withActor(rt, { type: 'user', id: staff, username: 'zhou', role: 'supervisor' })
      const ticket = await createTicket({ ctx, input: { customerId: conv.customer_id, type: 'return_refund', subject: '商品破损', conversationId: conv.id } })
      await page.goto(`${site.url}/admin/tickets/${ticket.number}`)
      await page.locator('[data-testid=tk-attachment-image]').first().waitFor({ timeout: 10_000 })
      await expect.poll(() => drawn(page, '[data-testid=tk-attachment-image]'), { timeout: 10_000 }).toBe(true)

      // The agent takes the chat and sends a photo with the reply box's 📎.
      const agentPng = pngLabelled(`agent-${channel}`)
      await page.goto(`${site.url}/admin/inbox#c${conv.id}`)
      await page.click('[data-testid=accept]')
      await page.locator('[data-testid=attach]').setInputFiles({ name: '更换说明.png', mimeType: 'image/png', buffer: Buffer.from(agentPng) })
      // It shows in the transcript as the agent's, drawn from the stored copy.
      await expect.poll(() => page.locator('.msg.agent [data-testid=media-image]').count(), { timeout: 10_000 }).toBe(1)
      await expect.poll(() => received(agentPng), { timeout: 20_000 }).toBe(true)
      await page.close()
    },
    90_000,
  )
})
