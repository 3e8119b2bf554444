/**
 * The agent's side of a held WeChat message: a private note in the conversation saying
 * that it waits for the customer's next message. One note per silence — a second held
 * message before the customer writes again adds nothing new.
 */
import type { Delivery } from '../../bot/channels/senders.ts'
import { systemCtx, type Services } from '../../bot/context.ts'
import { addNoteOnce } from '../../bot/conversations/addNote.ts'
import { inConversationTx } from '../../bot/conversations/announce.ts'

const NOTE = '客户已超过 48 小时未发消息，微信不允许主动发送；消息已暂存，客户下次发消息时自动送达。/ The customer has not written for 48 hours, so WeChat will not take this message now; it is kept and sent when they write again.'

export async function noteHeld(services: Services, d: Delivery): Promise<void> {
  await inConversationTx(systemCtx(services, 'wechat'), (w) => addNoteOnce(w, { id: d.conversationId, channel: 'wechat' }, NOTE, d.lastCustomerMessageAt ?? new Date(0)))
}
