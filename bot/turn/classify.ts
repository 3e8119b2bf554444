/**
 * Cheap, rule-based recognition of what must not go to the FAQ engine: greetings,
 * thanks, goodbyes, asking for a person, anger or a complaint, a pick among the options
 * just offered. Text is compared normalised (Simplified, half-width, lower case).
 */
import { normalise } from '../../knowledge/text/normalise.ts'
import { smallTalk } from './smalltalk.ts'
import { isCase } from './cases.ts'
import { toneOf } from './tone.ts'

export type Intent =
  | { type: 'greeting' | 'thanks' | 'goodbye' | 'ack' | 'handoff' | 'angry' | 'ticket' | 'case' | 'leaveQueue' | 'queuePosition' }
  | { type: 'option'; index: number }
  | { type: 'question' }

const HANDOFF = ['转人工', '人工', '真人', '找客服', '人工客服', 'human', 'agent', 'a person', 'real person', 'operator', 'representative']
/**
 * Unmistakable requests for a person: they hand off however long the message is, and the
 * rest of it ("转人工，我的件三天没动了") stays in the conversation for the agent to read.
 */
const HANDOFF_ANYWHERE = [
  '转人工',
  '转接人工',
  '找人工',
  '问人工',
  '要人工',
  '接人工',
  '人工服务',
  '真人客服',
  '不想跟机器',
  '不想和机器',
  '不要机器人',
  '别用机器人',
  'talk to a human',
  'talk to a person',
  'talk to someone',
  'speak to a human',
  'speak to a person',
  'speak to someone',
  'human agent',
  'live agent',
  'real person',
]
/** Words that contain 人工 but ask about something else (labour cost, AI, when agents work). */
const NOT_HANDOFF = ['人工费', '人工成本', '人工智能', '有人工客服吗', '人工客服几点', '人工客服时间', '人工几点', '人工客服上班', '人工客服电话']
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
  const talk = smallTalk(t, text)
  if (talk) return { type: talk }
  const has = (words: string[]) => words.some((w) => t.includes(normalise(w)))
  if (has(HANDOFF_ANYWHERE) && !has(NOT_HANDOFF)) return { type: 'handoff' }
  if (has(LEAVE_QUEUE) && t.length <= 12) return { type: 'leaveQueue' }
  if (has(POSITION)) return { type: 'queuePosition' }
  if (has(TICKET) && t.length <= 12) return { type: 'ticket' }
  if (toneOf(text)) return { type: 'angry' }
  // A waybill or order number, a damage or loss report, a demand for compensation: a case
  // for a person to look into, never an FAQ answer (bot/turn/cases.ts).
  if (isCase(text, t)) return { type: 'case' }
  // A request for a person is short ("转人工", "我要人工客服"); a long question that mentions
  // a human ("人工费多少") is a question.
  if (has([...HANDOFF, ...extraHandoff]) && !has(NOT_HANDOFF) && t.length <= 12) return { type: 'handoff' }
  return { type: 'question' }
}
