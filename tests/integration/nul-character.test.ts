// Issue 15 (3): a NUL character (U+0000) in what a customer or a staff member sends reached
// the database, which cannot store it in text or jsonb, and the answer was a 500 — and
// Telegram, which redelivers anything but a 2xx, sent the same update again and again.
// Now NUL is dropped where input is validated: the message goes through without it.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminModule } from '../../admin/module.ts'
import { consoleModule } from '../../admin/console/module.ts'
import { panelModule } from '../../admin/panel/module.ts'
import { createTeamsModule } from '../../adapters/teams/module.ts'
import { createTelegramModule } from '../../adapters/telegram/module.ts'
import { createWebchatModule } from '../../adapters/webchat/module.ts'
import { conversationsModule } from '../../bot/conversations/module.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { ticketsModule } from '../../bot/tickets/module.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'
import { visitor } from './webchatClient.ts'

const NUL = '\u0000'
const SECRET = 'nul-test-secret'

describe.each(DB_KINDS)('a NUL character on %s', (kind) => {
  let rt: Runtime
  let client: TestClient
  let staffHeaders: Record<string, string>
  const stored = async (channel: string) =>
    (
      await rt.db.query<{ text: string }>(
        `select m.text from messages m join conversations c on c.id = m.conversation_id where c.channel = $1 and m.direction = 'in' order by m.id desc limit 1`,
        [channel],
      )
    ).rows[0]?.text

  beforeAll(async () => {
    rt = await testRuntime(kind, {
      config: {
        SEED_DEMO: 'true',
        // Replies are stored, never sent (no job workers run); the webhooks' answers are what is tested.
        TELEGRAM_BOT_TOKEN: '123456:nul-test',
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
        TEAMS_AUTH: 'off',
      },
    })
    const modules = [
      knowledgeModule,
      conversationsModule,
      ticketsModule,
      createWebchatModule(),
      createTelegramModule(),
      createTeamsModule(),
      consoleModule,
      panelModule,
      adminModule,
    ]
    for (const m of modules) await m.prepare?.(rt)
    client = testApp(rt, modules)
    staffHeaders = (await client.loginAs('admin')).headers
  })
  afterAll(async () => rt?.close())

  it('web chat: the message is answered and stored without the NUL; a NUL-only message is refused as empty', async () => {
    const v = visitor(client.app)
    const token = (await v.session()).body.token
    const sent = await v.send(token, `怎么${NUL}退货`)
    expect(sent.status).toBe(200)
    expect(sent.body.replies.length).toBeGreaterThan(0)
    expect(await stored('webchat')).toBe('怎么退货')
    const empty = await v.send(token, NUL)
    expect(empty.status).toBe(400)
    expect(empty.body.error.code).toBe('message_empty')
  })

  it('Telegram: the update is acknowledged (no redelivery), stored without the NUL, in text and in names', async () => {
    const post = (body: unknown) =>
      client.app.request('/telegram/webhook', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(body),
      })
    const update = {
      update_id: 7001,
      message: {
        message_id: 1,
        date: 1,
        from: { id: 4242, is_bot: false, first_name: `王${NUL}`, username: `w${NUL}` },
        chat: { id: 4242, type: 'private' },
        text: `怎么${NUL}退货`,
      },
    }
    const res = await post(update)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ outcome: 'answered' })
    expect(await stored('telegram')).toBe('怎么退货')
    expect(await (await post(update)).json()).toMatchObject({ outcome: 'duplicate' })
  })

  it('Teams: the activity is answered and stored without the NUL', async () => {
    const res = await client.app.request('/api/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `m-${randomUUID()}`,
        text: `怎么${NUL}退货`,
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:9/',
        from: { id: '29:nul-user', name: `顾客${NUL}` },
        recipient: { id: '28:kefu-bot', name: 'Kefu' },
        conversation: { id: `a:nul-${NUL}chat`, conversationType: 'personal', tenantId: 'tenant-1' },
        locale: 'zh-CN',
        timestamp: new Date().toISOString(),
      }),
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ outcome: 'answered' })
    expect(await stored('teams')).toBe('怎么退货')
  })

  it('staff search and filters: never a 500, pages and API alike', async () => {
    const n = encodeURIComponent(NUL)
    const paths = [
      `/api/v1/kb/entries?q=${n}&category=${n}&tag=${n}`,
      `/api/v1/tickets?status=open&channel=${n}`,
      `/api/v1/panel/audit?actor=${n}&action=${n}&subject=${n}`,
      `/api/v1/panel/dashboard/conversations?channel=${n}&show=all`,
      `/admin/knowledge?q=${n}&category=${n}&tag=${n}`,
      `/admin/knowledge?q=${encodeURIComponent(`退${NUL}货`)}`,
      `/admin/knowledge/try?q=${n}`,
      `/admin/knowledge/new?question=${n}&answer=${n}`,
      `/admin/tickets?channel=${n}`,
      `/admin/audit?actor=${n}&subject=${n}`,
      `/admin/dashboard/conversations?channel=${n}`,
      `/admin/knowledge/unanswered?channel=${n}`,
      // In the path too: ids and numbers.
      `/api/v1/kb/entries/${n}`,
      `/admin/knowledge/${n}`,
      `/admin/knowledge/${n}/history`,
      `/admin/tickets/${n}`,
    ]
    for (const path of paths) {
      const res = await client.app.request(path, { headers: staffHeaders })
      expect(res.status, `${path}: ${res.status === 500 ? await res.text() : ''}`).toBeLessThan(500)
    }
    // A search with a NUL in it finds what the same search without it finds.
    const withNul = await client.app.request(`/api/v1/kb/entries?q=${encodeURIComponent(`退${NUL}货`)}`, { headers: staffHeaders })
    const without = await client.app.request(`/api/v1/kb/entries?q=${encodeURIComponent('退货')}`, { headers: staffHeaders })
    expect(withNul.status, await withNul.clone().text()).toBe(200)
    expect(await withNul.json()).toEqual(await without.json())
  })

  it('staff writes: a NUL in a JSON body is dropped, not a 500', async () => {
    const res = await client.app.request('/api/v1/kb/entries', {
      method: 'POST',
      headers: staffHeaders,
      body: JSON.stringify({ question: `发票${NUL}怎么开`, answer: `在订单页${NUL}申请。`, category: ['售后'], similar: [`开${NUL}发票`] }),
    })
    expect(res.status, await res.clone().text()).toBe(201)
    expect(((await res.json()) as any).question).toBe('发票怎么开')
  })
})
