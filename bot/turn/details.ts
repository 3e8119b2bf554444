/**
 * Some answers ask the customer for details (报修: "告诉我产品型号、故障现象和联系地址，
 * 我为您建一张报修工单"). The reply to such an answer is those details, not a new question:
 * searching it ends in "抱歉…没能找到". The turn takes it into a ticket instead, unless the
 * knowledge base answers it with confidence (then it really was a question).
 */
import { recentPublic } from '../conversations/messages.ts'
import type { Db } from '../db/client.ts'
import { normalise } from '../../knowledge/text/normalise.ts'

const PROMISE = ['工单', 'ticket']
const ASK = ['告诉我', '提供', '发给我', '留下', 'tell me', 'let me know', 'send me']

/** The answer promises a ticket and asks for something to put in it. */
export function asksForDetails(answer: string): boolean {
  const t = normalise(answer)
  return PROMISE.some((w) => t.includes(normalise(w))) && ASK.some((w) => t.includes(normalise(w)))
}

/** Whether the bot's message just before this customer message was a knowledge answer asking for details. */
export async function repliesToDetailsRequest(tx: Db, conversationId: number): Promise<boolean> {
  const [before, latest] = await recentPublic(tx, conversationId, 2)
  return latest?.senderType === 'customer' && before?.senderType === 'bot' && before.kind === 'answer' && asksForDetails(before.text)
}
