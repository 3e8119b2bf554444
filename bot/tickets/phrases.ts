/**
 * What the bot says about tickets and surveys, in zh and en — the same warm voice as
 * bot/turn/phrases.ts (greet, acknowledge, say what happens next; never curt).
 */
import { fillIn } from '../turn/phrases.ts'
import type { Locale } from '../conversations/types.ts'
import type { TicketStatus, TicketType } from './types.ts'

const phrases = {
  detailsNoted: {
    zh: '收到，您提供的信息我已经记下，为您登记工单。',
    en: "Thank you — I've noted those details and I'm opening a ticket for you now.",
  },
  draftStart: {
    zh: '好的，已为您记录需求，我来帮您登记一张工单，只需要几个简单的问题。',
    en: "All right — I've noted your request. Let me open a ticket for you; it only takes a few quick questions.",
  },
  askType: { zh: '请问这张工单是关于哪方面的？', en: 'What is the ticket about?' },
  ask_description: {
    zh: '请简单描述一下您的问题或需求，我们会认真跟进。',
    en: "Please describe your question or request in a few words, and we'll follow it up.",
  },
  ask_complaint: {
    zh: '非常抱歉给您添麻烦了。请您说说发生了什么，我们会认真核实处理。',
    en: "I'm so sorry for the trouble. Could you tell me what happened? We'll look into it carefully.",
  },
  ask_product: { zh: '请问是哪一款产品需要维修？', en: 'Which product needs repairing?' },
  ask_model: { zh: '产品的型号是什么？（一般在机身铭牌或包装上）', en: "What is the product's model? (It's usually on the label or the box.)" },
  ask_address: { zh: '请留下需要上门服务的地址。', en: 'Where should our technician come? Please give the address.' },
  ask_phone: { zh: '请留下方便联系您的电话号码。', en: 'What phone number can we reach you on?' },
  ask_preferredTime: { zh: '您希望什么时间上门？（例如：明天下午）', en: 'When would suit you for the visit? (e.g. tomorrow afternoon)' },
  ask_orderNo: { zh: '请提供订单号，方便我们查询。', en: 'Could you give me the order number so we can look it up?' },
  badPhone: {
    zh: '这个号码好像不太对，请再输入一次（手机号或带区号的电话）。',
    en: "That number doesn't look quite right — could you type it again, with the area code if it's a landline?",
  },
  draftCancelled: { zh: '好的，已取消登记。还有什么可以帮您的吗？', en: 'No problem, I have cancelled that. Is there anything else I can help with?' },
  ticketCreated: {
    zh: '已为您登记工单 {number}，专人会尽快跟进处理。{known}您随时发送「查询工单」或工单号，就能查看进度。',
    en: 'Your ticket {number} is open and a colleague will follow it up soon. {known}Send "my tickets" or the ticket number any time to check on it.',
  },
  reusedContact: { zh: '我们会通过您之前留下的电话 {phone} 联系您。', en: "We'll call you on the number you gave us before, {phone}. " },
  lookupNone: { zh: '您目前没有工单记录。如需登记，说「登记工单」就可以。', en: 'You have no tickets with us yet. Say "open a ticket" whenever you need one.' },
  lookupList: { zh: '您的工单：\n{lines}\n发送工单号可以查看详情。', en: 'Your tickets:\n{lines}\nSend a ticket number to see its details.' },
  lookupOne: {
    zh: '工单 {number}（{type}）\n当前状态：{status}\n最近更新：{when} {update}',
    en: 'Ticket {number} ({type})\nStatus: {status}\nLast update: {when} {update}',
  },
  lookupNotFound: {
    zh: '抱歉，没有找到工单 {number}。请核对一下号码，或发送「我的工单」查看您名下的工单。',
    en: 'Sorry, I couldn\'t find ticket {number}. Please check the number, or send "my tickets" to see yours.',
  },
  status_open: { zh: '您的工单 {number} 已由专人受理，正在处理中。', en: 'Your ticket {number} has been picked up and is being worked on.' },
  status_pending_customer: { zh: '您的工单 {number} 需要您补充一点信息：{note}', en: 'We need a little more information for your ticket {number}: {note}' },
  status_resolved: {
    zh: '您的工单 {number} 已处理完毕。{note}稍后我们会做个简短回访，了解问题是否真正解决。',
    en: "Your ticket {number} has been resolved. {note}We'll check back with you shortly to make sure everything is sorted.",
  },
  status_closed: { zh: '您的工单 {number} 已结案，感谢您的耐心与支持！', en: 'Your ticket {number} is now closed. Thank you for your patience!' },
  status_reopened: {
    zh: '您的工单 {number} 已重新打开，原负责同事会继续跟进，给您带来不便非常抱歉。',
    en: 'Your ticket {number} has been reopened; the colleague responsible will follow it up again. Sorry for the trouble.',
  },
  status_new: { zh: '您的工单 {number} 已登记。', en: 'Your ticket {number} has been registered.' },
  mergedInto: {
    zh: '您的工单 {number} 和工单 {into} 是同一个问题，我们已合并处理，后续进度以工单 {into} 为准。您随时发送「{into}」就能查看。',
    en: 'Your ticket {number} is about the same matter as ticket {into}, so we have merged them and it continues as ticket {into}. Send "{into}" any time to check on it.',
  },
  lookupMerged: {
    zh: '工单 {number} 已合并到工单 {into}，后续请以 {into} 为准。\n{into} 当前状态：{status}\n最近更新：{when} {update}',
    en: 'Ticket {number} was merged into ticket {into}, which carries on.\n{into} status: {status}\nLast update: {when} {update}',
  },
  mergedLabel: { zh: '已合并到 {into}', en: 'merged into {into}' },
  agentReply: { zh: '【工单 {number}】{text}', en: '[Ticket {number}] {text}' },
  surveyConversation: { zh: '感谢您的耐心！方便为本次服务打个分吗？', en: 'Thank you for your patience! Would you rate the help you got today?' },
  surveyTicket: {
    zh: '您好，这里是工单 {number} 的回访：问题解决了吗？您对处理结果满意吗？',
    en: 'Hello, a quick follow-up on ticket {number}: is the problem solved, and are you happy with how it went?',
  },
  scaleHintThree: {
    zh: '请点击按钮，或回复 1 满意、2 基本满意、3 不满意（数字后面可以附上您的意见）。',
    en: 'Tap a button, or reply 1 satisfied, 2 basically satisfied, 3 dissatisfied (add a comment after the number if you like).',
  },
  scaleHintFive: {
    zh: '请点击按钮，或回复 1–5 分（5 分最满意，分数后面可以附上您的意见）。',
    en: 'Tap a button, or reply with a score from 1 to 5 (5 is best; add a comment after it if you like).',
  },
  satisfied: { zh: '满意', en: 'Satisfied' },
  basic: { zh: '基本满意', en: 'Basically satisfied' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
  btnNotFixed: { zh: '问题还没解决', en: 'Not solved yet' },
  surveyThanks: { zh: '感谢您的评价，我们会继续努力！', en: 'Thank you for your rating — it helps us do better!' },
  surveySorry: {
    zh: '非常抱歉没能让您满意。方便告诉我们主要是哪方面的问题吗？如果问题还没解决，我可以马上为您转接人工客服。',
    en: "I'm sorry we fell short. Could you tell us what went wrong? If it still isn't solved, I can put you through to a person right away.",
  },
  callbackClosed: {
    zh: '感谢您的确认！工单 {number} 已结案，祝您生活愉快。',
    en: 'Thank you for confirming! Ticket {number} is now closed. Have a lovely day.',
  },
  callbackReopened: {
    zh: '非常抱歉还没让您满意。工单 {number} 已重新打开，原负责同事会尽快联系您。方便告诉我们主要是哪方面的问题吗？',
    en: "I'm sorry it isn't right yet. Ticket {number} is reopened and the colleague responsible will contact you soon. Could you tell us what went wrong?",
  },
  reason_not_fixed: { zh: '问题没解决', en: 'Not fixed' },
  reason_dissatisfied_attitude: { zh: '服务态度', en: 'Attitude' },
  reason_repeated_failure: { zh: '问题反复出现', en: 'Keeps happening' },
  reasonThanks: { zh: '收到，我们会据此改进，谢谢您告诉我们。', en: "Got it — thank you for telling us; we'll put it right." },
  surveyOutOfScale: { zh: '请回复 {range} 之间的数字，或直接点击按钮哦。', en: 'Please reply with a number from {range}, or tap a button.' },
  surveyGone: {
    zh: '抱歉，这份评价已经失效了。您的意见我们依然欢迎，直接留言就好。',
    en: "Sorry, that rating request has expired. We'd still love to hear from you — just write here.",
  },
  btnHelpful: { zh: '👍 有帮助', en: '👍 Helpful' },
  btnNotHelpful: { zh: '👎 没帮助', en: '👎 Not helpful' },
  feedbackUp: { zh: '感谢您的反馈，很高兴能帮到您！', en: 'Thanks for letting me know — glad it helped!' },
  feedbackDown: {
    zh: '抱歉没能帮上忙。我可以为您转接人工客服，或者登记一张工单。',
    en: "Sorry that didn't help. I can put you through to a person, or open a ticket.",
  },
} satisfies Record<string, Record<Locale, string>>

export type TicketPhrase = keyof typeof phrases

export function sayT(key: TicketPhrase, locale: Locale, vars: Record<string, string | number> = {}): string {
  return fillIn(phrases[key][locale], vars)
}

const TYPE_LABELS: Record<TicketType, Record<Locale, string>> = {
  enquiry: { zh: '咨询', en: 'Enquiry' },
  complaint: { zh: '投诉', en: 'Complaint' },
  suggestion: { zh: '建议', en: 'Suggestion' },
  repair: { zh: '报修', en: 'Repair' },
  return_refund: { zh: '退换货', en: 'Return / refund' },
  other: { zh: '其他', en: 'Other' },
}
const STATUS_LABELS: Record<TicketStatus, Record<Locale, string>> = {
  new: { zh: '已登记，待受理', en: 'Registered' },
  open: { zh: '处理中', en: 'In progress' },
  pending_customer: { zh: '等待您补充信息', en: 'Waiting for you' },
  resolved: { zh: '已解决，待回访', en: 'Resolved' },
  closed: { zh: '已结案', en: 'Closed' },
  reopened: { zh: '已重新打开，处理中', en: 'Reopened' },
}
export const typeLabel = (t: TicketType, l: Locale) => TYPE_LABELS[t][l]
export const statusLabel = (s: TicketStatus, l: Locale) => STATUS_LABELS[s][l]
