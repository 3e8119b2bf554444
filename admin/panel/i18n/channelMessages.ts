/** Strings of the settings page's channel section; `panel.ch.err.*` / `panel.ch.confirm*` are read by browser/channelSettings.ts. */
import type { Pairs } from './pairs.ts'

export const channelPairs: Pairs = {
  'ch.title': ['渠道设置', 'Channels'],
  'ch.intro': ['这些设置保存后，所有服务器从下一条消息起立即生效，无需重启。', 'These take effect from the next message on every server, with no restart.'],
  'ch.restartOnly': [
    '令牌、密钥和 Webhook 地址不在这里：它们写在服务器的环境变量中（见 README），修改后需要重启，也不会在页面上显示。',
    "Tokens, secrets and webhook addresses are not here: they live in the server's environment (see the README), need a restart to change, and are never shown on this page.",
  ],
  'ch.name.webchat': ['网页聊天', 'Web chat'],
  'ch.name.wechat': ['微信公众号', 'WeChat Official Account'],
  'ch.name.wechaty': ['个人微信（wechaty）', 'WeChat personal account (wechaty)'],
  'ch.name.telegram': ['Telegram', 'Telegram'],
  'ch.name.teams': ['Microsoft Teams', 'Microsoft Teams'],
  'ch.handling': ['谁先接待', 'Who answers first'],
  'ch.handling.bot': ['机器人先回答，需要时转人工', 'The bot, handing over when needed'],
  'ch.handling.people': ['全部直接转人工（机器人不回答）', 'People only: every message goes to the queue'],
  'ch.feedback': [
    '在机器人的回答下显示 👍 / 👎（"满意度调查"中的总开关关闭时都不显示）',
    'Show 👍 / 👎 under bot answers (the switch under Satisfaction surveys turns them off everywhere)',
  ],
  'ch.greeting': ['欢迎语', 'Welcome'],
  'ch.lang.zh': ['中文', 'Chinese'],
  'ch.lang.en': ['英文', 'English'],
  'ch.default': ['留空则使用默认文字', 'Leave empty for the default'],
  'ch.greeting.when.webchat': [
    '显示在聊天窗口顶部；客户打招呼时也用它回复。留空则使用默认欢迎语。',
    'Shown at the top of the chat window, and said when a customer says hello. Empty = the default welcome.',
  ],
  'ch.greeting.when.wechat': ['客户关注公众号时发送；客户打招呼时也用它回复。', 'Sent when someone follows the account, and when a customer says hello.'],
  'ch.greeting.when.wechaty': ['客户打招呼时用它回复。', 'Said when a customer says hello.'],
  'ch.greeting.when.telegram': [
    '客户打开机器人（/start）时发送；客户打招呼时也用它回复。',
    'Sent when someone opens the bot (/start), and when a customer says hello.',
  ],
  'ch.greeting.when.teams': ['有人添加机器人时发送；客户打招呼时也用它回复。', 'Sent when someone adds the bot, and when a customer says hello.'],
  'ch.chatTitle': ['窗口标题', 'Window title'],
  'ch.chatSubtitle': ['副标题', 'Subtitle'],
  'ch.accent': ['主题色', 'Accent colour'],
  'ch.accent.sample': ['示例文字', 'Sample text'],
  'ch.accent.help': [
    '用于标题栏、客户消息和按钮；白色文字在上面要清晰可读（对比度至少 {n}:1）。',
    "Used for the header, the customer's messages and buttons; white text on it must stay readable (contrast at least {n}:1).",
  ],
  'ch.save': ['保存渠道设置', 'Save channel settings'],
  'panel.ch.err.contrast': [
    '颜色太浅，白色文字看不清（对比度 {c}:1，至少需要 {n}:1）。',
    'Too light: white text on it is hard to read (contrast {c}:1, needs {n}:1).',
  ],
  'panel.ch.confirmPeople': [
    '以下渠道将不再由机器人回答，所有消息直接进入人工排队：{names}。确定吗？',
    'The bot will stop answering on {names}; every message goes straight to the queue. Continue?',
  ],
}
