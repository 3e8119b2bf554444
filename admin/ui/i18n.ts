/** Every user-facing string of the staff UI, in zh and en. Missing keys fail the i18n test. */
export type Locale = 'zh' | 'en'

export const messages = {
  zh: {
    'app.name': '客服',
    'app.tagline': '智能客服 · 知识库 · 工单 · 满意度',
    'nav.home': '概览',
    'nav.logout': '退出登录',
    'nav.menu': '菜单',
    'nav.language': 'English',
    'login.title': '员工登录',
    'login.username': '用户名',
    'login.password': '密码',
    'login.submit': '登录',
    'login.error.unauthorized': '用户名或密码不正确，请再试一次。',
    'login.error.rate_limited': '登录失败次数过多，请稍后再试。',
    'login.error.forbidden': '请求被拒绝，请刷新页面后重试。',
    'login.error.invalid_input': '请填写用户名和密码。',
    'home.title': '概览',
    'home.welcome': '欢迎回来，{name}。',
    'home.role': '您的角色：{role}',
    'home.status': '系统状态',
    'home.database': '数据库',
    'home.jobs': '任务队列',
    'home.queue': '客户排队',
    'home.waiting': '{n} 位客户正在等待 — 去接待',
    'home.noneWaiting': '现在没有客户等待 · 打开会话',
    'home.longWaits': '其中 {n} 位已等待过久。',
    'home.slaTickets': '{n} 个工单即将或已经超时',
    'role.admin': '管理员',
    'role.supervisor': '主管',
    'role.agent': '客服坐席',
    'error.title': '出错了',
  },
  en: {
    'app.name': 'Kefu',
    'app.tagline': 'Customer service · Knowledge · Tickets · Satisfaction',
    'nav.home': 'Overview',
    'nav.logout': 'Log out',
    'nav.menu': 'Menu',
    'nav.language': '中文',
    'login.title': 'Staff login',
    'login.username': 'Username',
    'login.password': 'Password',
    'login.submit': 'Log in',
    'login.error.unauthorized': 'Wrong username or password. Please try again.',
    'login.error.rate_limited': 'Too many failed attempts. Please wait a little and try again.',
    'login.error.forbidden': 'The request was refused. Reload the page and try again.',
    'login.error.invalid_input': 'Please enter your username and password.',
    'home.title': 'Overview',
    'home.welcome': 'Welcome back, {name}.',
    'home.role': 'Your role: {role}',
    'home.status': 'System status',
    'home.database': 'Database',
    'home.jobs': 'Job queue',
    'home.queue': 'Customers waiting',
    'home.waiting': 'Customers waiting: {n} — open the console',
    'home.noneWaiting': 'No customer is waiting · open the console',
    'home.longWaits': 'Of them waited too long: {n}',
    'home.slaTickets': 'Tickets near or over their SLA: {n}',
    'role.admin': 'Administrator',
    'role.supervisor': 'Supervisor',
    'role.agent': 'Agent',
    'error.title': 'Something went wrong',
  },
} satisfies Record<Locale, Record<string, string>>

export type MessageKey = keyof (typeof messages)['zh']

/** Feature modules add their own strings here at import time (same keys in both languages). */
export function addMessages(extra: Record<Locale, Record<string, string>>) {
  Object.assign(messages.zh, extra.zh)
  Object.assign(messages.en, extra.en)
}

export function t(locale: Locale, key: MessageKey | string, vars: Record<string, string | number> = {}): string {
  const table = messages[locale] as Record<string, string>
  const text = table[key] ?? (messages.en as Record<string, string>)[key] ?? key
  return text.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? `{${k}}`))
}
