/**
 * Strings of the conversation view's side panel — customer profile and its editor, tickets,
 * labels, merge, a ticket from the conversation — as [zh, en] pairs, so a key can never
 * exist in one language only. Ticket types, states, priorities and SLA words are the ticket
 * pages' own (panel/i18n/ticketMessages.ts), handed to the console under `console.tk.*`.
 */
import { split, type Pairs } from '../panel/i18n/pairs.ts'
import { ticketPairs } from '../panel/i18n/ticketMessages.ts'
import type { Locale } from '../ui/i18n.ts'

const pairs: Pairs = {
  'console.reason.complaint': ['投诉', 'Complaint'],
  'console.reason.angry': ['客户情绪激动', 'The customer is upset'],
  'console.summary.found': ['客户提供的号码', 'Numbers the customer gave'],
  'console.summary.orders': ['订单 / 运单号', 'Order / waybill'],
  'console.summary.phones': ['电话', 'Phone'],
  'console.summary.tickets': ['工单号', 'Ticket'],
  'console.profile.name': ['姓名', 'Name'],
  'console.profile.manager': ['客户经理', 'Account manager'],
  'console.profile.manager.none': ['（无）', '(none)'],
  'console.profile.manager.supervisor': ['只有主管可以更改客户经理。', 'Only a supervisor changes the account manager.'],
  'console.profile.tags.hint': ['用逗号分隔', 'separated by commas'],
  'console.profile.edit': ['编辑资料', 'Edit profile'],
  'console.profile.save': ['保存', 'Save'],
  'console.profile.saved': ['客户资料已保存。', 'Profile saved.'],
  'console.profile.invalid': ['资料未保存，请检查标出的项。', 'Not saved: check the marked fields.'],
  'console.tickets.thisChat': ['本会话的工单', 'Tickets from this chat'],
  'console.tickets.other': ['客户的其他工单', "The customer's other tickets"],
  'console.tickets.none': ['暂无', 'None'],
  'console.tickets.due': ['{when} 前解决', 'resolve by {when}'],
  'console.tickets.firstDue': ['{when} 前首次响应', 'first response by {when}'],
  'console.tickets.new': ['开工单', 'Open a ticket'],
  'console.tickets.type': ['类型', 'Type'],
  'console.tickets.subject': ['标题', 'Title'],
  'console.tickets.description': ['描述', 'Description'],
  'console.tickets.create': ['创建工单', 'Create ticket'],
  'console.tickets.created': ['已创建工单 {number}，客户已收到通知。', 'Ticket {number} created; the customer was told.'],
  'console.tickets.fromChat': ['客户在会话中说：', 'The customer said in the chat:'],
  'console.channels': ['各渠道的会话', 'Conversations on every channel'],
  'console.labels': ['会话标签', 'Labels'],
  'console.labels.add': ['添加标签', 'Add a label'],
  'console.labels.remove': ['移除标签 {label}', 'Remove label {label}'],
  'console.labels.none': ['还没有标签。', 'No labels yet.'],
  'console.merge': ['合并客户', 'Merge customers'],
  'console.merge.intro': [
    '同一个人在另一个渠道的客户记录（如微信和 Telegram）：搜索并合并到当前客户，对方的渠道身份、会话、工单和评价都会转到这里。',
    "The same person's record on another channel (say WeChat and Telegram): find it and merge it into this customer; its identities, conversations, tickets and surveys move here.",
  ],
  'console.merge.search': ['姓名、电话、邮箱或客户编号', 'Name, phone, email or customer id'],
  'console.merge.find': ['查找', 'Find'],
  'console.merge.none': ['没有找到其他客户。', 'No other customer found.'],
  'console.merge.do': ['合并到当前客户', 'Merge into this customer'],
  'console.merge.confirm': ['确定把「{other}」合并到「{keep}」吗？此操作无法撤销。', 'Merge "{other}" into "{keep}"? This cannot be undone.'],
  'console.merge.done': [
    '已合并：{n} 个渠道身份、{c} 个会话、{t} 张工单转到了当前客户。',
    'Merged: {n} identities, {c} conversations and {t} tickets moved here.',
  ],
}

const TICKET_WORDS = /^tk\.(type|st|pr|sla)\./

export const contextMessages: Record<Locale, Record<string, string>> = split({
  ...pairs,
  ...Object.fromEntries(Object.entries(ticketPairs).flatMap(([k, v]) => (TICKET_WORDS.test(k) ? [[`console.${k}`, v]] : []))),
})
