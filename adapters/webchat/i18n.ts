/**
 * Every string the web chat shows, in zh and en: the page, the client script (handed to
 * it as JSON) and the customer-facing refusals from the server. Registered with the
 * shared UI table so `t()` finds them.
 */
import { addMessages, t, type Locale } from '../../admin/ui/i18n.ts'

export const webchatMessages = {
  zh: {
    'webchat.title': '在线客服',
    'webchat.subtitle': '智能助手 24 小时在线，随时可以转人工',
    'webchat.placeholder': '请输入您的问题…',
    'webchat.send': '发送',
    'webchat.open': '在线客服',
    'webchat.close': '关闭',
    'webchat.connecting': '正在连接…',
    'webchat.reconnecting': '网络不太稳定，正在重新连接…',
    'webchat.connected': '已连接',
    'webchat.sending': '发送中…',
    'webchat.queued': '暂未发送，网络恢复后会自动发送（点击立即重试）',
    'webchat.empty': '请输入您的问题后再发送。',
    'webchat.tooLong': '消息太长了，请控制在 {max} 字以内，或分几条发送。',
    'webchat.fileMissing': '没有找到您上传的文件，请重新选择后再发送。',
    'webchat.counter': '{count}/{max}',
    'webchat.tooFast': '发送太快了，请稍等几秒再试。',
    'webchat.tooBusy': '当前访问有点多，请稍等片刻再试，给您带来不便非常抱歉。',
    'webchat.waiting': '正在为您转接人工客服，请稍候…',
    'webchat.withAgent': '人工客服为您服务中',
    'webchat.ended': '本次会话已结束，您可以随时发起新的咨询。',
    'webchat.you': '我',
    'webchat.bot': '智能助手',
    'webchat.agent': '客服',
    'webchat.system': '系统消息',
    'webchat.language': 'English',
  },
  en: {
    'webchat.title': 'Online service',
    'webchat.subtitle': 'Our assistant is here around the clock; ask for a person any time',
    'webchat.placeholder': 'Type your question…',
    'webchat.send': 'Send',
    'webchat.open': 'Chat with us',
    'webchat.close': 'Close',
    'webchat.connecting': 'Connecting…',
    'webchat.reconnecting': 'The connection dropped; reconnecting…',
    'webchat.connected': 'Connected',
    'webchat.sending': 'Sending…',
    'webchat.queued': 'Not sent yet — it will go when the connection is back (tap to retry now)',
    'webchat.empty': 'Please type a message before sending.',
    'webchat.tooLong': 'That message is too long: please keep it under {max} characters, or send it in parts.',
    'webchat.fileMissing': 'The file you uploaded was not found: please choose it again and send.',
    'webchat.counter': '{count}/{max}',
    'webchat.tooFast': "You're sending messages too quickly — please wait a few seconds and try again.",
    'webchat.tooBusy': 'We are receiving a lot of requests right now — please try again in a moment. Sorry for the wait.',
    'webchat.waiting': 'Connecting you to a person, please wait…',
    'webchat.withAgent': 'You are chatting with a person',
    'webchat.ended': 'This conversation has ended. Write any time to start a new one.',
    'webchat.you': 'You',
    'webchat.bot': 'Assistant',
    'webchat.agent': 'Agent',
    'webchat.system': 'Notice',
    'webchat.language': '中文',
  },
} satisfies Record<Locale, Record<string, string>>

addMessages(webchatMessages)

/** The client script's strings for one language (it fills in {max} and {count} itself). */
export const clientStrings = (locale: Locale) => webchatMessages[locale]

export { t, type Locale }
