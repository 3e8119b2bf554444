/**
 * Everything the bot says, in zh and en. Warm, patient, never curt (杜绝"生、冷、硬、顶"):
 * greet, acknowledge feelings, explain what happens next.
 */
import type { Locale } from '../conversations/types.ts'

const phrases = {
  greeting: {
    zh: '您好！我是智能客服小助手，请问有什么可以帮您？您可以直接描述问题，也可以随时说「转人工」。',
    en: 'Hello! I\'m the service assistant. How can I help? Just describe your question, or say "agent" any time to talk to a person.',
  },
  thanks: { zh: '不客气，很高兴能帮到您！还有其他问题随时告诉我。', en: "You're welcome — glad I could help! Let me know if there's anything else." },
  goodbye: { zh: '感谢您的咨询，祝您生活愉快！有需要随时再来找我。', en: 'Thank you for getting in touch. Have a lovely day, and come back any time!' },
  ack: { zh: '好的～还有其他需要帮忙的，随时告诉我。', en: 'Great — let me know if there is anything else I can help with.' },
  caseNoted: {
    zh: '非常抱歉给您添麻烦了。这个情况需要专人为您核实处理，我先为您登记工单，您说的情况都会记录下来。',
    en: "I'm so sorry about this. It needs a colleague to look into it, so I'm opening a ticket for you — everything you've told me is kept with it.",
  },
  clarify: { zh: '我想确认一下，您是不是想问：', en: 'Just to be sure I understand — did you mean:' },
  clarifyNone: { zh: '都不是', en: 'None of these' },
  fallback: {
    zh: '抱歉，这个问题我暂时没能找到准确的答案。我可以帮您转接人工客服，或者为您登记一张工单，由专人跟进。',
    en: "Sorry, I couldn't find a reliable answer to that. I can put you through to a person, or open a ticket so someone follows it up.",
  },
  fallbackOffer: {
    zh: '看来我没能帮上忙，真抱歉。要不要我为您转接人工客服？',
    en: "I'm sorry I haven't been able to help. Shall I put you through to a person?",
  },
  angry: {
    zh: '非常抱歉给您带来了不好的体验，您的心情我完全理解。您可以选择转人工客服，我也可以为您登记投诉工单，由专人负责跟进。',
    en: "I'm really sorry about this — I understand how frustrating it is. You can talk to a person, or I can register a complaint that a named colleague will follow up.",
  },
  greetingAgain1: { zh: '您好～我在的，请问还有什么可以帮您？', en: "Hi again — I'm here. What else can I help with?" },
  greetingAgain2: { zh: '在的在的，您请说～', en: "Yes, I'm listening — go ahead." },
  greetingAgain3: {
    zh: '您好！有什么问题直接告诉我就好，也可以随时说「转人工」。',
    en: 'Hello! Just tell me what you need, or say "agent" any time for a person.',
  },
  btnHuman: { zh: '转人工', en: 'Talk to a person' },
  btnTicket: { zh: '登记工单', en: 'Open a ticket' },
  btnLeaveQueue: { zh: '取消排队', en: 'Leave the queue' },
  queued: {
    zh: '好的，正在为您转接人工客服，请稍候。您目前排在第 {position} 位。',
    en: "Sure — I'm connecting you to a person. You're number {position} in the queue.",
  },
  queuePosition: {
    zh: '您目前排在第 {position} 位，客服会尽快接待您，感谢您的耐心等待。',
    en: "You're number {position} in the queue; someone will be with you shortly. Thank you for waiting.",
  },
  leftQueue: { zh: '已为您取消排队。还有什么我可以先帮您看看的吗？', en: "You've left the queue. Is there anything I can help with in the meantime?" },
  closedHours: {
    zh: '现在是非工作时间（人工客服工作时间见「服务时间」），暂时无法转接。我可以为您登记工单，上班后由专人第一时间联系您。',
    en: "Our agents are offline right now. I can open a ticket so a colleague contacts you first thing when we're back.",
  },
  noAgent: {
    zh: '非常抱歉让您久等了，目前客服都在忙。我可以为您登记工单，由专人稍后联系您，您看可以吗？',
    en: "I'm sorry for the wait — everyone is busy at the moment. May I open a ticket so a colleague gets back to you?",
  },
  agentComing: {
    zh: '非常抱歉让您久等了，客服马上就来接待您，请再稍等一下。如果不方便等，我也可以为您登记工单，由专人稍后联系您。',
    en: "I'm sorry for the wait — a colleague will be with you very soon. If you'd rather not wait, I can open a ticket so someone gets back to you.",
  },
  noAgentOnline: {
    zh: '非常抱歉让您久等了，现在暂时没有客服在线。我可以为您登记工单，由专人稍后联系您，您看可以吗？',
    en: "I'm sorry for the wait — no colleague is online just now. May I open a ticket so someone gets back to you?",
  },
  ticketNoted: { zh: '好的，已为您记录需求，专人会尽快联系您。', en: "All right — I've noted your request and a colleague will get back to you soon." },
  agentJoined: { zh: '客服 {name} 已为您服务。', en: '{name} has joined the conversation.' },
  backToBot: { zh: '人工服务已结束。还有其他问题，随时问我就好。', en: 'Our colleague has handed you back to me. Ask me anything else any time.' },
  closed: { zh: '本次会话已结束，感谢您的耐心。', en: 'This conversation is now closed. Thank you for your patience.' },
  transferred: {
    zh: '正在为您转接给更合适的同事，请稍候，您无需重复描述问题。',
    en: "I'm passing you to a colleague who can help better — no need to repeat yourself.",
  },
  requeued: {
    zh: '非常抱歉，刚才为您安排的同事暂时不在，已为您重新排队，下一位有空的客服会马上接待您，您无需重复描述问题。',
    en: "I'm sorry — the colleague I passed you to isn't available right now. You're back in the queue and the next free agent will be with you shortly; no need to repeat yourself.",
  },
  mediaReceived: {
    zh: '收到您发来的{what}了，不过我暂时还看不了{what}里的内容。能用文字简单说一下是什么问题吗？比如商品哪里坏了、订单号是多少。也可以直接转人工，请同事帮您看看。',
    en: "Thanks for the {what}. I can't see what's in it, I'm afraid — could you tell me in a few words what it shows or what went wrong (an order number helps)? Or I can put you through to a person who can look at it.",
  },
  stickerReceived: {
    zh: '收到您的表情啦 😊 请问有什么可以帮您？可以直接描述问题，也可以转人工。',
    en: 'Got your sticker 😊 How can I help? Describe your question, or I can put you through to a person.',
  },
  emptyMessage: { zh: '您好像发送了一条空消息，请再说一遍您的问题吧。', en: 'That message seemed empty — could you type your question again?' },
  tooLong: {
    zh: '您的消息有点长，我只看了前面的部分。如果没有回答到，请简要描述一下，或直接转人工。',
    en: 'Your message was long, so I read the first part. If I missed the point, please summarise it, or ask for a person.',
  },
} satisfies Record<string, Record<Locale, string>>

export type PhraseKey = keyof typeof phrases

export function say(key: PhraseKey, locale: Locale, vars: Record<string, string | number> = {}): string {
  return fillIn(phrases[key][locale], vars)
}

/** "{name}" placeholders → values; a missing value leaves nothing behind in customer text. */
export function fillIn(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''))
}

/** zh when the text has any CJK character, en when it is Latin letters, else keep what we had. */
export function detectLocale(text: string, previous: Locale): Locale {
  if (/[\u3400-\u9fff\uf900-\ufaff]/.test(text)) return 'zh'
  if (/[a-z]{2,}/i.test(text)) return 'en'
  return previous
}
