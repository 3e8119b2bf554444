/**
 * The agent's side of a held WeChat message: a private note in the conversation saying
 * why it waits (the 48-hour window closed, or the 5 messages WeChat allows per customer
 * message are spent) and that it goes out when the customer writes again. One note per
 * silence — a second held message before the customer writes again adds nothing new.
 */
import type { Delivery } from '../../bot/channels/senders.ts'
import { systemCtx, type Services } from '../../bot/context.ts'
import { addNoteOnce } from '../../bot/conversations/addNote.ts'
import { inConversationTx } from '../../bot/conversations/announce.ts'

export type HoldReason = 'window' | 'quota'

const NOTES: Record<HoldReason, string> = {
  window:
    '客户已超过 48 小时未发消息，微信不允许主动发送；消息已暂存，客户下次发消息时自动送达。/ The customer has not written for 48 hours, so WeChat will not take this message now; it is kept and sent when they write again.',
  quota:
    '微信每条客户消息之后最多只能发送 5 条客服消息，已达上限；其余内容已暂存，客户下次发消息时从未发出的部分继续发送。/ WeChat takes at most 5 messages after each customer message and they are used up; the rest is kept and goes out, from the first unsent part, when the customer writes again.',
}

export async function noteHeld(services: Services, d: Delivery, reason: HoldReason): Promise<void> {
  await inConversationTx(systemCtx(services, 'wechat'), (w) =>
    addNoteOnce(w, { id: d.conversationId, channel: 'wechat' }, NOTES[reason], d.lastCustomerMessageAt ?? new Date(0)),
  )
}
