/** Strings of the settings page's language-model section; `panel.llm.*` are read by browser/llmSettings.ts. */
import type { Pairs } from './pairs.ts'

export const llmPairs: Pairs = {
  'llm.title': ['大模型', 'Language model'],
  'llm.none': [
    '尚未配置大模型：机器人只用知识库里的现成回答。要让它用模型核对候选、组织回答、改写追问并协助客服，请在服务器的环境变量中设置 LLM_BASE_URL（OpenAI 兼容的接口地址，…/v1）和 LLM_MODEL（模型名），需要时再设 LLM_API_KEY，然后重启。',
    "No language model is configured: the bot answers only with the knowledge base's curated answers. To let a model check candidates, compose answers, rewrite follow-ups and assist agents, set LLM_BASE_URL (an OpenAI-compatible endpoint, …/v1) and LLM_MODEL (the model's name) in the server's environment, LLM_API_KEY if it needs one, and restart.",
  ],
  'llm.none.more': [
    '详见 README 的「Point Kefu at a model / 接入大模型」一节；配置后可用 kefu llm 检查连接。',
    'See the README section "Point Kefu at a model / 接入大模型"; once set, kefu llm checks the connection.',
  ],
  'llm.using': [
    '正在使用模型 {model}（{endpoint}）。接口地址和密钥写在环境变量中，修改需重启。',
    'Using the model {model} at {endpoint}. The endpoint and key live in the environment and need a restart to change.',
  ],
  'llm.tokens': [
    '今天（UTC）已用 {n} / {cap} 个 token；达到上限后当天不再调用模型，机器人只用现成回答。',
    'Today (UTC): {n} of {cap} tokens. Past the cap the model is not asked until tomorrow; the bot uses curated answers.',
  ],
  'llm.tokens.noCap': ['今天（UTC）已用 {n} 个 token（未设上限）。', 'Today (UTC): {n} tokens (no cap).'],
  'llm.calls': ['最近的模型调用', 'Latest model calls'],
  'llm.calls.none': ['还没有调用过模型。', 'The model has not been called yet.'],
  'llm.calls.when': ['时间', 'When'],
  'llm.calls.purpose': ['用途', 'For'],
  'llm.calls.outcome': ['结果', 'Outcome'],
  'llm.calls.latency': ['耗时', 'Latency'],
  'llm.purpose.judge': ['核对/组织回答', 'Check / compose an answer'],
  'llm.purpose.rewrite': ['改写追问', 'Rewrite a follow-up'],
  'llm.purpose.summary': ['转人工摘要', 'Hand-off summary'],
  'llm.purpose.suggest': ['建议回复', 'Suggested replies'],
  'llm.purpose.extract': ['工单字段', 'Ticket fields'],
  'llm.purpose.health': ['连接检查', 'Health check'],
  'llm.outcome.ok': ['成功', 'OK'],
  'llm.outcome.timeout': ['超时（改用现成回答）', 'Timed out (curated path answered)'],
  'llm.outcome.error': ['出错（改用现成回答）', 'Error (curated path answered)'],
  'llm.outcome.invalid': ['回答无效（改用现成回答）', 'Unusable reply (curated path answered)'],
  'llm.outcome.capped': ['超出每日上限，未调用', 'Over the daily cap, not asked'],
  'llm.channels': ['在这些渠道上让模型参与回答客户', 'Let the model help answer customers on'],
  'llm.compose': [
    '用最多三条知识组织简短回答（每个数字都须出自所引知识；否则用现成回答）',
    'Compose short answers from up to three entries (every number must come from a cited entry, else the curated answer)',
  ],
  'llm.rewrite': ['把追问（如「那北京呢？」）改写成完整问题再搜索', 'Rewrite follow-ups ("what about Beijing?") into a full question before searching'],
  'llm.assist': ['协助客服：转人工摘要、建议回复、工单字段', 'Assist agents: hand-off summaries, suggested replies, ticket fields'],
  'llm.sendPersonalData': ['把手机号、订单号、地址和邮箱原样发给模型', 'Send phone numbers, order numbers, addresses and e-mails to the model as they are'],
  'llm.sendPersonalData.warn': [
    '注意：默认会先把这些个人信息替换成占位符再发给模型。打开后，客户的个人信息会发送到上面的模型服务商，请确认合同和隐私政策允许这样做。',
    "Caution: by default these are replaced with placeholders before anything is sent. Switched on, customers' personal data goes to the model provider above; make sure your contract and privacy policy allow it.",
  ],
  'llm.save': ['保存大模型设置', 'Save model settings'],
  'panel.llm.confirmPersonal': [
    '确定要把客户的手机号、订单号、地址和邮箱原样发送给模型服务商吗？',
    "Send customers' phone numbers, order numbers, addresses and e-mails to the model provider as they are?",
  ],
}
