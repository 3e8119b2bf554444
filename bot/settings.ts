/**
 * Run-time settings an admin changes without a restart. Read through here (with their
 * defaults) so every instance sees a change on its next read.
 */
import { z } from 'zod'
import type { Actor } from './context.ts'
import type { Db } from './db/client.ts'
import { recordEvent } from './audit.ts'
import { parseInput } from './http/json.ts'
import { ACCENT_PATTERN, contrastWithWhite, MIN_ACCENT_CONTRAST } from './channels/accentContrast.ts'

export { contrastWithWhite, MIN_ACCENT_CONTRAST }

const slaTarget = z.object({ firstResponseMin: z.number().int().min(1), resolutionMin: z.number().int().min(1) })
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM')

/** Whether Intl knows the zone ("Asia/Shanghai", "UTC"…): a typo would otherwise break every date shown to staff. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}
const timeZone = z.string().min(1).refine(isTimeZone, 'an IANA time zone such as Asia/Shanghai')

// --- channels: what may change while a channel runs (secrets, tokens and webhook URLs are config, restart-only) ---
/** zh and en; '' = the built-in text. */
const localized = (max: number) =>
  z.object({ zh: z.string().trim().max(max).default(''), en: z.string().trim().max(max).default('') }).default({ zh: '', en: '' })
const accent = z
  .string()
  .regex(ACCENT_PATTERN, 'a colour like #1d6fd8')
  .refine(
    (c) => contrastWithWhite(c) >= MIN_ACCENT_CONTRAST,
    `too light: white text on it would be hard to read (needs a contrast of ${MIN_ACCENT_CONTRAST}:1)`,
  )
const channelSettings = z.object({
  /** bot = the bot answers first; people = every message goes straight to the human queue. */
  handling: z.enum(['bot', 'people']).default('bot'),
  /** Said to a hello, and when the channel tells us someone joined or followed. */
  greeting: localized(500),
  /** 👍 / 👎 under answers on this channel (surveys.answerFeedback still turns them off everywhere). */
  answerFeedback: z.boolean().default(true),
})
const webchatSettings = channelSettings.extend({ title: localized(40), subtitle: localized(100), accent: accent.default('#1d6fd8') })

/** What the model (bot/llm) may do, when one is configured; ignored without one. */
const llmSettings = z.object({
  /** Per channel: may the model help answer customers there (judge candidates, compose, rewrite follow-ups)? */
  channels: z
    .object({ webchat: z.boolean(), wechat: z.boolean(), wechaty: z.boolean(), telegram: z.boolean(), teams: z.boolean() })
    .default({ webchat: true, wechat: true, wechaty: true, telegram: true, teams: true }),
  /** Compose a short answer from up to three entries (else only pick one curated answer). */
  compose: z.boolean().default(true),
  /** Rewrite a follow-up (「那北京呢？」) into a question that stands alone before searching. */
  rewrite: z.boolean().default(true),
  /** Hand-off summaries, suggested replies and ticket fields for agents. */
  assist: z.boolean().default(true),
  /** Send phone numbers, order numbers, addresses and e-mails to the model as they are (else masked). */
  sendPersonalData: z.boolean().default(false),
})

export const settingSchemas = {
  /** Extra words that mean "a person, please", besides the built-in ones. */
  'handoff.keywords': z.array(z.string().trim().min(1).max(30)).max(100),
  /** Seconds a customer waits in the queue before being offered a ticket. */
  'handoff.waitTimeoutSec': z.number().int().min(10).max(86_400),
  /** Assign queued conversations to the least-loaded online agent automatically (else agents pick). */
  'handoff.autoAssign': z.boolean(),
  /** Seconds a colleague has to answer a chat transferred to them before it goes back to the queue. */
  'handoff.transferAcceptSec': z.number().int().min(10).max(3600),
  /** Consecutive fallbacks after which the bot offers a person without being asked. */
  'handoff.fallbacksBeforeOffer': z.number().int().min(1).max(10),
  /** null = always open. Days: 1 = Monday … 7 = Sunday. Holidays: YYYY-MM-DD. */
  officeHours: z
    .object({
      timezone: timeZone,
      days: z.array(z.number().int().min(1).max(7)),
      start: hhmm,
      end: hhmm,
      holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
    })
    .nullable(),
  // --- tickets and surveys (bot/tickets, bot/surveys) ---
  /** Targets in minutes per priority, counted in office hours (24×7 when officeHours is null); byType overrides. */
  'tickets.sla': z.object({
    byPriority: z.record(z.enum(['low', 'normal', 'high', 'urgent']), slaTarget),
    byType: z
      .partialRecord(
        z.enum(['enquiry', 'complaint', 'suggestion', 'repair', 'return_refund', 'other']),
        z.partialRecord(z.enum(['low', 'normal', 'high', 'urgent']), slaTarget),
      )
      .default({}),
  }),
  /** The day of a ticket number (T20261123-0007) is taken in this time zone. */
  'tickets.timezone': timeZone,
  /** Who owns a complaint the bot opens (a staff user id); null: the agent on duty (least-loaded online), else nobody yet. */
  'tickets.complaintsOwnerId': z.number().int().positive().nullable(),
  /** Hours the customer has to answer the callback (回访) before the ticket closes as no_response. */
  'tickets.callbackTimeoutHours': z
    .number()
    .min(0.1)
    .max(24 * 30),
  /** Seconds after a conversation closes / a ticket is resolved before the survey goes out. */
  'surveys.delaySec': z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400),
  /** Hours a conversation survey can be answered. */
  'surveys.expireHours': z
    .number()
    .min(0.1)
    .max(24 * 30),
  /** three = 满意 / 基本满意 / 不满意; five = 1–5. */
  'surveys.scale': z.enum(['three', 'five']),
  /** Put "👍 / 👎" buttons under the bot's answers. */
  'surveys.answerFeedback': z.boolean(),
  /**
   * What an agent may do with conversations that are not theirs (bot/handoff/access.ts):
   * open = read all, notes on any; team = read all, notes only on their own or unassigned
   * ones; own = read and write only their own and the unassigned queue. Supervisors and
   * admins always may. Replies, transfers and closing stay with the assignee in every mode.
   */
  'conversations.access': z.enum(['team', 'open', 'own']),
  // --- per channel (bot/channels/channelSettings.ts) ---
  'channels.webchat': webchatSettings,
  'channels.wechat': channelSettings,
  'channels.wechaty': channelSettings,
  'channels.telegram': channelSettings,
  'channels.teams': channelSettings,
  llm: llmSettings,
} as const

export type SettingKey = keyof typeof settingSchemas
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingSchemas)[K]>

export const settingDefaults: { [K in SettingKey]: SettingValue<K> } = {
  'handoff.keywords': [],
  'handoff.waitTimeoutSec': 180,
  'handoff.autoAssign': false,
  'handoff.transferAcceptSec': 120,
  'handoff.fallbacksBeforeOffer': 2,
  officeHours: null,
  'tickets.sla': {
    byPriority: {
      urgent: { firstResponseMin: 30, resolutionMin: 4 * 60 },
      high: { firstResponseMin: 60, resolutionMin: 8 * 60 },
      normal: { firstResponseMin: 4 * 60, resolutionMin: 3 * 8 * 60 },
      low: { firstResponseMin: 8 * 60, resolutionMin: 5 * 8 * 60 },
    },
    byType: {},
  },
  'tickets.timezone': 'Asia/Shanghai',
  'tickets.complaintsOwnerId': null,
  'tickets.callbackTimeoutHours': 72,
  'surveys.delaySec': 60,
  'surveys.expireHours': 48,
  'surveys.scale': 'three',
  'surveys.answerFeedback': true,
  'conversations.access': 'team',
  'channels.webchat': webchatSettings.parse({}),
  'channels.wechat': channelSettings.parse({}),
  'channels.wechaty': channelSettings.parse({}),
  'channels.telegram': channelSettings.parse({}),
  'channels.teams': channelSettings.parse({}),
  llm: llmSettings.parse({}),
}

/**
 * A turn reads three or four settings, an admin changes one now and then: each process
 * remembers what it read, per database. It forgets at once when it saves a setting, when
 * the bus says another instance did (`settings`, runtime.ts), and after SETTINGS_TTL_MS in
 * any case, so a pub/sub message lost while Redis was away delays a change, never loses it.
 * A read that began before a forget is not remembered (the generation moved on).
 */
const SETTINGS_TTL_MS = 5000
interface Remembered {
  generation: number
  values: Map<string, { value: unknown; at: number }>
}
const remembered = new WeakMap<object, Remembered>()
const memoryOf = (key: object): Remembered => {
  let m = remembered.get(key)
  if (!m) remembered.set(key, (m = { generation: 0, values: new Map() }))
  return m
}

/** Settings changed somewhere: read them from the database again. */
export function forgetSettings(db: Pick<Db, 'key'>): void {
  const m = memoryOf(db.key)
  m.generation++
  m.values.clear()
}

export async function getSetting<K extends SettingKey>(db: Db, key: K): Promise<SettingValue<K>> {
  const m = memoryOf(db.key)
  const hit = m.values.get(key)
  if (hit && performance.now() - hit.at < SETTINGS_TTL_MS) return hit.value as SettingValue<K>
  const generation = m.generation
  const r = await db.query<{ value: unknown }>('select value from settings where key = $1', [key])
  const parsed = r.rows[0] ? settingSchemas[key].safeParse(r.rows[0].value) : null
  const value = (parsed?.success ? parsed.data : settingDefaults[key]) as SettingValue<K>
  if (m.generation === generation) m.values.set(key, { value, at: performance.now() })
  return value
}

export async function setSetting<K extends SettingKey>(db: Db, actor: Actor, key: K, value: unknown): Promise<SettingValue<K>> {
  const v = parseInput(settingSchemas[key], value) as SettingValue<K>
  await db.transaction(async (tx) => {
    await tx.query(
      `insert into settings (key, value, updated_at, updated_by) values ($1, $2, now(), $3)
       on conflict (key) do update set value = excluded.value, updated_at = now(), updated_by = excluded.updated_by`,
      [key, JSON.stringify(v), actor.type],
    )
    await recordEvent(tx, actor, 'settings.changed', { type: 'setting', id: key }, { value: v })
  })
  forgetSettings(db)
  return v
}

/** Is `at` inside office hours? Uses the configured time zone; holidays are closed all day. */
export function isOpen(hours: SettingValue<'officeHours'>, at: Date): boolean {
  if (!hours) return true
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: hours.timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  )
  const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday!) + 1
  if (hours.holidays.includes(`${parts.year}-${parts.month}-${parts.day}`)) return false
  if (!hours.days.includes(day)) return false
  const now = `${parts.hour}:${parts.minute}`
  return now >= hours.start && now < hours.end
}
