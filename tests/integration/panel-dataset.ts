/**
 * A small, hand-built week of customer service (2026-03-01 … 03-07, Asia/Shanghai) whose
 * dashboard numbers are worked out by hand in panel-dashboard.test.ts. Rows are written
 * directly: the point is the arithmetic of the figures, not how the turn produced them.
 */
import type { Db } from '../../bot/db/client.ts'

export const WEEK = { from: '2026-03-01', to: '2026-03-07' }
const at = (local: string) => new Date(`${local}+08:00`)

type Msg = [sender: 'customer' | 'bot' | 'agent' | 'system', text: string, kind: string | null, entry?: string]

export async function seedWeek(db: Db): Promise<Record<string, number>> {
  const agent = (
    await db.query<{ id: number }>(`insert into staff_users (username, display_name, role, password_hash) values ('li', '李坐席', 'agent', 'x') returning id`)
  ).rows[0]!.id
  const ids: Record<string, number> = {}
  let n = 0
  async function conversation(
    name: string,
    channel: string,
    started: string,
    msgs: Msg[],
    extra: { handoff?: boolean; queued?: string; firstResponse?: string } = {},
  ) {
    const customer = `cust-${name}`
    await db.query(`insert into customers (id, name) values ($1, $2)`, [customer, `客户${name}`])
    const c = await db.query<{ id: number }>(
      `insert into conversations (customer_id, channel, status, owner_id, handoff_reason, queued_at, first_response_at, created_at)
       values ($1, $2, 'closed', $3, $4, $5, $6, $7) returning id`,
      [
        customer,
        channel,
        extra.handoff ? agent : null,
        extra.handoff ? 'customer_request' : null,
        extra.queued ? at(extra.queued) : null,
        extra.firstResponse ? at(extra.firstResponse) : null,
        at(started),
      ],
    )
    const id = Number(c.rows[0]!.id)
    ids[name] = id
    let t = at(started).getTime()
    for (const [sender, text, kind, entry] of msgs) {
      t += 20_000
      await db.query(
        `insert into messages (conversation_id, direction, sender_type, sender_id, text, channel, channel_message_id, kind, kb_entry_id, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          id,
          sender === 'customer' ? 'in' : 'out',
          sender,
          sender === 'agent' ? String(agent) : null,
          text,
          channel,
          sender === 'customer' ? `m${++n}` : null,
          kind,
          entry ?? null,
          new Date(t),
        ],
      )
    }
    return id
  }
  const answer = (entry: string): Msg => ['bot', '（答案）', 'answer', entry]
  await conversation('A', 'webchat', '2026-03-01T10:00:00', [['customer', '怎么退货', 'customer'], answer('demo-return')])
  await conversation('B', 'webchat', '2026-03-01T11:00:00', [
    ['customer', '快递到哪了', 'customer'],
    answer('demo-track'),
    ['customer', '发票抬头写错了能改吗', 'customer'],
    ['bot', '抱歉…', 'fallback'],
  ])
  await conversation(
    'C',
    'wechat',
    '2026-03-02T09:00:00',
    [
      ['customer', '专票能开到个人名下吗', 'customer'],
      ['bot', '抱歉…', 'fallback'],
      ['customer', '转人工', 'customer'],
      ['agent', '专票请在订单页「申请开票」里选择增值税专用发票，抬头须为企业。', 'agent'],
    ],
    { handoff: true, queued: '2026-03-02T09:01:00', firstResponse: '2026-03-02T09:03:00' },
  )
  await conversation('D', 'wechat', '2026-03-03T15:00:00', [['customer', '我想退货', 'customer'], answer('demo-return'), ['customer', '人工', 'customer']], {
    handoff: true,
    queued: '2026-03-03T15:05:00',
    firstResponse: '2026-03-03T15:11:00',
  })
  await conversation('E', 'telegram', '2026-03-05T08:00:00', [
    ['customer', '你好', 'customer'],
    ['bot', '您好！', 'greeting'],
  ])
  await conversation('F', 'webchat', '2026-02-28T23:50:00', [['customer', '查快递', 'customer'], answer('demo-track')]) // the day before
  await conversation('G', 'webchat', '2026-03-07T23:30:00', [
    ['customer', '查快递', 'customer'],
    answer('demo-track'),
    ['customer', '物流信息在哪看', 'customer'],
    answer('demo-track'),
  ])
  await conversation('H', 'webchat', '2026-03-08T00:10:00', [['customer', '查快递', 'customer'], answer('demo-track')]) // the day after (still 03-07 in UTC)

  const survey = (conv: string, channel: string, status: string, level: string | null, entry: string | null, sent: string) =>
    db.query(
      `insert into surveys (subject_type, subject_conversation_id, customer_id, conversation_id, channel, agent_id, kb_entry_id, status, level, send_at, sent_at, answered_at)
       values ('conversation', $1, $2, $1, $3, $4, $5, $6, $7, $8, $8, $9)`,
      [ids[conv], `cust-${conv}`, channel, agent, entry, status, level, at(sent), status === 'answered' ? at(sent) : null],
    )
  await survey('C', 'wechat', 'answered', 'satisfied', null, '2026-03-02T10:00:00')
  await survey('D', 'wechat', 'answered', 'dissatisfied', 'demo-return', '2026-03-03T16:00:00')
  await survey('A', 'webchat', 'answered', 'basic', 'demo-return', '2026-03-01T10:30:00')
  await survey('B', 'webchat', 'sent', null, null, '2026-03-01T12:00:00')

  const ticket = (no: string, conv: string, created: string, f: Record<string, string>) =>
    db.query(
      `insert into tickets (number, customer_id, conversation_id, channel, type, subject, created_by, created_at, first_responded_at, first_response_breached_at, resolved_at)
       values ($1, $2, $3, 'wechat', 'enquiry', '专票', 'system:test', $4, $5, $6, $7)`,
      [no, `cust-${conv}`, ids[conv], at(created), f.fr ? at(f.fr) : null, f.frBreached ? at(f.frBreached) : null, f.resolved ? at(f.resolved) : null],
    )
  await ticket('T20260302-0001', 'C', '2026-03-02T09:10:00', { fr: '2026-03-02T09:20:00', resolved: '2026-03-02T12:00:00' })
  await ticket('T20260303-0001', 'D', '2026-03-03T15:20:00', { frBreached: '2026-03-03T17:20:00' })

  const vote = async (conv: string, entry: string, helpful: boolean, when: string) => {
    const m = await db.query<{ id: number }>(`select id from messages where conversation_id = $1 and kb_entry_id = $2 order by id limit 1`, [ids[conv], entry])
    await db.query(`insert into kb_feedback (entry_id, message_id, customer_id, conversation_id, helpful, created_at) values ($1, $2, $3, $4, $5, $6)`, [
      entry,
      m.rows[0]!.id,
      `cust-${conv}`,
      ids[conv],
      helpful,
      at(when),
    ])
  }
  await vote('B', 'demo-track', true, '2026-03-01T11:01:00')
  await vote('G', 'demo-track', false, '2026-03-07T23:31:00')
  await vote('A', 'demo-return', true, '2026-03-01T10:01:00')
  return ids
}
