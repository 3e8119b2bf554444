/**
 * API refusals in the caller's language. Messages are written in English where they are thrown;
 * the one error mapper (errors.ts) asks here for the zh words when the caller reads Chinese
 * (the same locale the pages use: ?lang, cookie, account, Accept-Language). Field issues are
 * zod's: its own zh-CN wording for a built-in check, this table for a message we wrote. A
 * message not in the table stays English rather than being guessed.
 */
import { z } from 'zod'

export type Locale = 'zh' | 'en'

/** Our own English messages → zh. Keys are exact; `{x}` parts are matched and carried over. */
const ZH: Record<string, string> = {
  'The request is not valid.': '提交的内容有误，请检查后再试。',
  'The request body is not valid JSON.': '请求内容不是有效的 JSON。',
  'letters, digits, - or _ (at most 40)': '只能用中文、字母、数字、- 或 _，最多 40 个字符',
  'letters (any language), digits, - or _ (at most 40)': '只能用中文、字母、数字、- 或 _，最多 40 个字符',
  'The shortcut /{x} is already used.': '快捷方式 /{x} 已经被使用了。',
  'The conversation id must be a positive number.': '会话编号必须是正整数。',
  'No conversation {x}.': '没有编号为 {x} 的会话。',
  'No canned response {x}.': '没有编号为 {x} 的快捷回复。',
  'Give either toAgentId or toTeam.': '请选择转给一位坐席或一个小组（二选一）。',
  'Only supervisors see every conversation.': '只有主管可以查看全部会话。',
  'Only a logged-in staff member has an inbox.': '只有登录的员工才有自己的会话列表。',
  'Internal error; quote the request id when reporting it.': '服务器内部错误；报告问题时请附上请求编号。',
  'The database cannot be reached right now; try again in a few seconds.': '暂时无法连接数据库，请几秒后再试。',
}

const PATTERNS = Object.entries(ZH).map(([en, zh]) => {
  const re = new RegExp(`^${en.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('\\{x\\}', '(.+?)')}$`)
  return { re, zh }
})

export function localiseMessage(message: string, locale: Locale): string {
  if (locale !== 'zh') return message
  for (const p of PATTERNS) {
    const m = p.re.exec(message)
    if (m) return p.zh.replace('{x}', m[1] ?? '')
  }
  return message
}

/** Field names as a zh reader knows them (the path otherwise stays as the API names it). */
const FIELDS_ZH: Record<string, string> = { shortcut: '快捷方式', text: '内容', note: '备注', subject: '主题', username: '用户名', password: '密码' }
export const fieldName = (path: string, locale: Locale) => (locale === 'zh' ? (FIELDS_ZH[path] ?? path) : path)

const en = z.locales.en().localeError
const zh = z.locales.zhCN().localeError
const text = (out: unknown) => (typeof out === 'string' ? out : ((out as { message?: string } | undefined)?.message ?? ''))

/** One zod issue in words: zod's zh wording for its own checks, ours for the messages we wrote. */
export function issueMessage(issue: z.core.$ZodIssue, locale: Locale): string {
  if (locale !== 'zh') return issue.message
  const builtIn = text(en(issue as never)) === issue.message
  return builtIn ? text(zh(issue as never)) || issue.message : localiseMessage(issue.message, locale)
}
