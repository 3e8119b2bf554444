/**
 * Cheap, rule-based recognition of what must not go to the FAQ engine: greetings,
 * thanks, goodbyes, asking for a person, anger or a complaint, a pick among the options
 * just offered. Text is compared normalised (Simplified, half-width, lower case).
 */
import { normalise } from '../../knowledge/text/normalise.ts'

export type Intent =
  | { type: 'greeting' | 'thanks' | 'goodbye' | 'handoff' | 'angry' | 'ticket' | 'leaveQueue' | 'queuePosition' }
  | { type: 'option'; index: number }
  | { type: 'question' }

const HANDOFF = ['转人工', '人工', '真人', '找客服', '人工客服', '客服电话', 'human', 'agent', 'a person', 'real person', 'operator', 'representative']
/** Words that contain 人工 but ask about something else (labour cost of an installation…). */
const NOT_HANDOFF = ['人工费', '人工成本', '人工智能']
const ANGRY = ['投诉', '差评', '垃圾', '骗子', '太差', '生气', '气死', '愤怒', '什么破', '坑人', '无语', '退钱', '举报', '12315', 'angry', 'terrible', 'worst', 'complaint', 'scam', 'ridiculous', 'unacceptable', 'furious']
const GREETING = /^(你好|您好|在吗|在不在|哈喽|嗨|hello|hi|hey|早上好|下午好|晚上好|good (morning|afternoon|evening))[呀啊吖!！~。.,， ]*$/
const THANKS = /^(谢谢|多谢|感谢|谢了|thanks?( you)?|thx|3q|ty)[你您啦呀了!！~。., ]*(啦|了|呀)?$/
const GOODBYE = /^(再见|拜拜|bye|goodbye|see you|886|88)[!！~。., ]*$/
// 报修 (a repair request) is a ticket too: the bot collects it in the chat (bot/tickets).
const TICKET = ['登记工单', '提交工单', 'open a ticket', '留言', '报修', 'repair request']
const LEAVE_QUEUE = ['取消排队', '不等了', 'leave the queue', 'leave queue', 'cancel']
const POSITION = ['排第几', '还要等多久', '前面还有', 'how long', 'my position']

export function classify(text: string, payload: string | undefined, optionCount: number, extraHandoff: string[] = []): Intent {
  if (payload === 'handoff') return { type: 'handoff' }
  if (payload === 'ticket') return { type: 'ticket' }
  if (payload === 'leave-queue') return { type: 'leaveQueue' }
  const opt = payload?.match(/^opt:(\d+)$/)
  if (opt) return { type: 'option', index: Number(opt[1]) }
  const t = normalise(text)
  if (optionCount > 0 && /^\d{1,2}$/.test(t) && Number(t) >= 1 && Number(t) <= optionCount) return { type: 'option', index: Number(t) - 1 }
  if (GREETING.test(t)) return { type: 'greeting' }
  if (THANKS.test(t)) return { type: 'thanks' }
  if (GOODBYE.test(t)) return { type: 'goodbye' }
  const has = (words: string[]) => words.some((w) => t.includes(normalise(w)))
  if (has(LEAVE_QUEUE) && t.length <= 12) return { type: 'leaveQueue' }
  if (has(POSITION)) return { type: 'queuePosition' }
  if (has(TICKET) && t.length <= 12) return { type: 'ticket' }
  if (has(ANGRY) || /[!！]{3,}/.test(text)) return { type: 'angry' }
  // A request for a person is short ("转人工", "我要人工客服"); a long question that mentions
  // a human ("人工费多少") is a question.
  if (has([...HANDOFF, ...extraHandoff]) && !has(NOT_HANDOFF) && t.length <= 12) return { type: 'handoff' }
  return { type: 'question' }
}
