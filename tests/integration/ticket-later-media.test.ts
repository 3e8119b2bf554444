// A photo the customer sends after a ticket was made from their chat goes onto that ticket
// (ticket_attachments with media_id and message_id), with a line in its history, and shows
// on the ticket page — on both databases. The same photo twice is one attachment; a closed
// ticket and another customer's ticket get nothing.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { panelModule } from '../../admin/panel/module.ts'
import { adminModule } from '../../admin/module.ts'
import { systemCtx } from '../../bot/context.ts'
import { conversationsModule } from '../../bot/conversations/module.ts'
import { putMedia } from '../../bot/media/store.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { createTicket } from '../../bot/tickets/createTicket.ts'
import { ticketsModule } from '../../bot/tickets/module.ts'
import { handleInbound } from '../../bot/turn/handleInbound.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { pngLabelled } from '../support/media.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'
import { customerIdOf } from './tickets-helpers.ts'

describe.each(DB_KINDS)('photos sent after the ticket exists (%s)', (kind) => {
  let rt: Runtime
  let client: TestClient

  beforeAll(async () => {
    rt = await testRuntime(kind)
    await conversationsModule.prepare!(rt)
    await ticketsModule.prepare!(rt)
    client = testApp(rt, [adminModule, panelModule, ticketsModule])
  })
  afterAll(async () => rt?.close())

  /** A customer on Telegram who sends text and photos through the real turn, as the adapter does after fetching the file. */
  function telegramCustomer() {
    const externalUserId = `tg-${randomUUID()}`
    const send = (text: string, media?: Awaited<ReturnType<typeof putMedia>>, title?: string) =>
      handleInbound({
        ctx: systemCtx(rt, 'telegram'),
        input: {
          channel: 'telegram',
          externalUserId,
          channelMessageId: randomUUID(),
          text,
          ...(media ? { media: { type: 'image', fileId: media.id, contentType: media.contentType, size: media.size, ...(title ? { title } : {}) } } : {}),
        },
      })
    return { externalUserId, send }
  }
  const attachments = async (ticketNumber: string) =>
    (
      await rt.db.query<any>(
        `select a.media_id, a.message_id, a.added_by from ticket_attachments a join tickets t on t.id = a.ticket_id where t.number = $1 order by a.id`,
        [ticketNumber],
      )
    ).rows
  const history = async (ticketNumber: string) =>
    (
      await rt.db.query<any>(`select e.kind, e.to_value, e.data from ticket_events e join tickets t on t.id = e.ticket_id where t.number = $1 order by e.id`, [
        ticketNumber,
      ])
    ).rows

  it('attaches the later photo to the open ticket, records it, and shows it on the ticket page', async () => {
    const c = telegramCustomer()
    const first = await putMedia(rt, pngLabelled(`first-${kind}`))
    const opened = await c.send('快递到了，杯子碎了', first)
    const ticket = await createTicket({
      ctx: systemCtx(rt),
      input: { customerId: await customerIdOf(rt, c.externalUserId), type: 'return_refund', subject: '杯子破损', conversationId: opened.conversationId },
    })
    expect((await attachments(ticket.number)).map((a) => a.media_id)).toEqual([first.id]) // the chat's file so far

    const later = await putMedia(rt, pngLabelled(`later-${kind}`))
    const sent = await c.send('', later, '外箱.png')
    expect(sent.conversationId).toBe(opened.conversationId)
    const rows = await attachments(ticket.number)
    expect(rows.map((a) => a.media_id)).toEqual([first.id, later.id])
    expect(rows[1]).toMatchObject({ added_by: 'customer' })
    expect(Number(rows[1].message_id)).toBe(sent.messageId)
    const lines = (await history(ticket.number)).filter((e) => e.kind === 'customer_file')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ to_value: `/api/v1/media/${later.id}`, data: { mediaId: later.id, messageId: sent.messageId, title: '外箱.png' } })

    // The same photo again is the same attachment, not a second one.
    await c.send('', later)
    expect(await attachments(ticket.number)).toHaveLength(2)
    expect((await history(ticket.number)).filter((e) => e.kind === 'customer_file')).toHaveLength(1)

    // The ticket page: both photos drawn, the history line in zh and en.
    const agent = await client.loginAs('agent')
    for (const [lang, words] of [
      ['zh', '客户在聊天中补充了文件'],
      ['en', 'The customer sent a file in the chat'],
    ] as const) {
      const page = await client.app.request(`/admin/tickets/${ticket.number}?lang=${lang}`, { headers: { ...agent.headers, accept: 'text/html' } })
      expect(page.status).toBe(200)
      const html = await page.text()
      expect(html).toContain(`src="/api/v1/media/${first.id}"`)
      expect(html).toContain(`src="/api/v1/media/${later.id}"`)
      expect(html).toContain(words)
      expect(html).toMatch(new RegExp(`href="/api/v1/media/${later.id}"[^>]*>外箱\\.png<`))
    }
  })

  it('leaves a closed ticket and other customers’ tickets alone', async () => {
    const c = telegramCustomer()
    const other = telegramCustomer()
    const opened = await c.send('我要投诉物流')
    await other.send('你好')
    const ticket = await createTicket({
      ctx: systemCtx(rt),
      input: { customerId: await customerIdOf(rt, c.externalUserId), type: 'enquiry', subject: '物流', conversationId: opened.conversationId },
    })
    await other.send('', await putMedia(rt, pngLabelled(`other-${kind}`)))
    expect(await attachments(ticket.number)).toHaveLength(0)
    await rt.db.query(`update tickets set status = 'closed' where number = $1`, [ticket.number])
    await c.send('', await putMedia(rt, pngLabelled(`closed-${kind}`)))
    expect(await attachments(ticket.number)).toHaveLength(0)
  })
})
