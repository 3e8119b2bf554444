/** Strings of agent assist in the console (model summary, suggested replies, suggested ticket fields), as [zh, en] pairs. */
import { split, type Pairs } from '../panel/i18n/pairs.ts'
import type { Locale } from '../ui/i18n.ts'

const pairs: Pairs = {
  'console.assist.summary': ['模型摘要', 'Model summary'],
  'console.assist.byModel': ['由模型生成，请核对', 'Written by the model — please check'],
  'console.assist.wants': ['客户想要', 'The customer wants'],
  'console.assist.tried': ['已尝试', 'Already tried'],
  'console.assist.addresses': ['地址', 'Address'],
  'console.assist.suggestions': ['建议回复', 'Suggested replies'],
  'console.assist.fromModel': ['模型根据知识库「{question}」撰写，发送前请核对', 'Written by the model from the entry "{question}" — check before sending'],
  'console.assist.fromEntry': ['知识库答案：{question}', 'Knowledge-base answer: {question}'],
  'console.assist.suggested': ['建议值，请确认', 'suggested — please confirm'],
  'console.tickets.product': ['产品', 'Product'],
  'console.tickets.orderNo': ['订单号', 'Order number'],
  'console.tickets.phone': ['电话', 'Phone'],
  'console.tickets.address': ['地址', 'Address'],
}

export const assistMessages: Record<Locale, Record<string, string>> = split(pairs)
