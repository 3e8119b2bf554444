/**
 * The agent's side of a held WeChat message: a private note in the conversation saying
 * that it waits for the customer's next message. One note per silence — a second held
 * message before the customer writes again adds nothing new.
 */
import type { Delivery } from '../../bot/channels/senders.ts'
import type { Services } from '../../bot/context.ts'
import { toMessage } from '../../bot/conversations/store.ts'

const NOTE = '客户已超过 48 小时未发消息，微信不允许主动发送；消息已暂存，客户下次发消息时自动送达。/ The customer has not written for 48 hours, so WeChat will not take this message now; it is kept and sent when they write again.'

export async function noteHeld(services: Services, d: Delivery): Promise<void> {
  const since = d.lastCustomerMessageAt ?? new Date(0)
  const inserted = await services.db.query<{ id: number }>(
    `insert into messages (conversation_id, direction, sender_type, text, is_private, channel, kind, created_at)
     select $1, 'internal', 'system', $2::text, true, 'wechat', 'note', $3::timestamptz
      where not exists (select 1 from messages where conversation_id = $1 and is_private and kind = 'note' and text = $2 and created_at >= $4)
     returning id`,
    [d.conversationId, NOTE, services.clock.now(), since],
  )
  if (!inserted.rows[0]) return
  try {
    const row = (await services.db.query(`select * from messages where id = $1`, [inserted.rows[0].id])).rows[0]
    await services.bus.publish(`conversation:${d.conversationId}`, { type: 'message', message: toMessage(row) })
    await services.bus.publish('inbox', { type: 'activity', conversationId: d.conversationId })
  } catch (err) {
    services.log.warn({ err }, 'could not announce the held-message note')
  }
}
