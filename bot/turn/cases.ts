/**
 * Messages that are a case, not a question: they carry a waybill / order number the bot
 * cannot look up, report goods damaged or lost, or demand compensation. The FAQ would
 * answer "how do claims work" to 「快递给我摔坏了你们必须赔」, which is the cold reply the
 * service rules forbid; these go to a ticket (or a person) with the customer's words kept.
 * A how-to question about the same thing (「破损了怎么理赔」) is still a question.
 */
const NUMBER = /(?:^|[^a-z0-9])(?:[a-z]{1,4}\d{8,}|\d{10,})(?:$|[^a-z0-9])/i
const DAMAGE_OR_LOSS = [
  '摔坏',
  '压坏',
  '破损',
  '损坏',
  '碎了',
  '裂了',
  '变形',
  '丢了',
  '丢件',
  '弄丢',
  '不见了',
  '是空的',
  '空盒',
  '少了',
  '少件',
  '被签收',
  '冒签',
  '没收到',
  '被调包',
  '掉包',
  'damaged',
  'broken',
  'smashed',
  'crushed',
  'lost my',
  'was lost',
  'missing',
  'never arrived',
  'never received',
  'not received',
  'empty box',
]
const DEMAND = [
  '必须赔',
  '赔我',
  '给我赔',
  '赔偿我',
  '要求赔',
  '要求你们',
  '你们必须',
  '你们得',
  '你们要负责',
  '谁来承担',
  '谁负责',
  '给个说法',
  '给我个说法',
  '怎么赔我',
  'compensate me',
  'i want compensation',
  'demand compensation',
  'refund me',
  'pay me back',
  'you must pay',
]
const HOW_TO = /(怎么|怎样|如何|能不能|可以吗|吗|多少|多久|流程|需要什么|哪些|what|how|can i|is it|do you)/

export function isCase(raw: string, normalised: string): boolean {
  if (NUMBER.test(normalised.replace(/\s+/g, ''))) return true
  const has = (ws: string[]) => ws.some((w) => normalised.includes(w))
  if (has(DEMAND)) return true
  return has(DAMAGE_OR_LOSS) && !HOW_TO.test(normalised) && !/[?？]/.test(raw)
}
