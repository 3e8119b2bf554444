/**
 * The conversations behind each dashboard figure, as one SQL set per figure. The figures
 * count these same sets, so a number and the list it links to can never disagree.
 * Parameters: $1 from, $2 to (instants), $3 channel or null, $4 the figure's argument
 * (an entry id, or a comma-separated id list) or null.
 */
import { z } from 'zod'
import type { Db } from '../../../bot/db/client.ts'

const inPeriod = (col: string) => `${col} >= $1 and ${col} < $2`
const channel = `($3::text is null or c.channel = $3)`
const created = `${inPeriod('c.created_at')} and ${channel}`
const botSaid = (kind: string) => `exists (select 1 from messages m where m.conversation_id = c.id and m.sender_type = 'bot' and m.kind = '${kind}')`
/** A person was involved: the bot handed over (handoff_reason) or someone took it (owner). */
export const HANDED_OVER = `(c.handoff_reason is not null or c.owner_id is not null)`

export const SETS = {
  /** Conversations started in the period. */
  all: `select c.id from conversations c where ${created} and $4::text is null`,
  /** Answered by the bot at least once, and no person ever involved. */
  bot_resolved: `select c.id from conversations c where ${created} and ${botSaid('answer')} and not ${HANDED_OVER} and $4::text is null`,
  handoff: `select c.id from conversations c where ${created} and ${HANDED_OVER} and $4::text is null`,
  /** A bot fallback reply in the period. */
  fallback: `select distinct m.conversation_id from messages m join conversations c on c.id = m.conversation_id
              where m.sender_type = 'bot' and m.kind = 'fallback' and ${inPeriod('m.created_at')} and ${channel} and $4::text is null`,
  /** A person's first reply, counted by the conversation's start. */
  first_response: `select c.id from conversations c where ${created} and c.first_response_at is not null and $4::text is null`,
  /** Surveys answered among those sent in the period (what the satisfaction report counts). */
  surveyed: `select distinct coalesce(s.subject_conversation_id, s.conversation_id) from surveys s
              where s.status = 'answered' and ${inPeriod('s.sent_at')} and ($3::text is null or s.channel = $3) and $4::text is null`,
  dissatisfied: `select distinct coalesce(s.subject_conversation_id, s.conversation_id) from surveys s
              where s.level = 'dissatisfied' and ${inPeriod('s.sent_at')} and ($3::text is null or s.channel = $3) and $4::text is null`,
  /** Tickets created in the period (what the SLA report counts). */
  tickets: `select t.conversation_id from tickets t where t.conversation_id is not null and ${inPeriod('t.created_at')} and ($3::text is null or t.channel = $3) and $4::text is null`,
  /** The bot answered with entry $4. */
  entry: `select distinct m.conversation_id from messages m join conversations c on c.id = m.conversation_id
              where m.sender_type = 'bot' and m.kind = 'answer' and m.kb_entry_id = $4 and ${inPeriod('m.created_at')} and ${channel}`,
  /** Entry $4 was rated: 👍/👎 under its answer, or a survey that names it. */
  rated: `select f.conversation_id from kb_feedback f where f.entry_id = $4 and ${inPeriod('f.created_at')} and ($3::text is null or true)
          union select coalesce(s.subject_conversation_id, s.conversation_id) from surveys s
           where s.kb_entry_id = $4 and s.status = 'answered' and ${inPeriod('s.sent_at')}`,
  /** An explicit list (the unanswered groups link here); $4 = "12,13,20". */
  ids: `select c.id from conversations c where c.id = any(string_to_array($4, ',')::bigint[]) and ${channel} and $1::timestamptz is not null and $2::timestamptz is not null`,
} as const
export type SetName = keyof typeof SETS

export const listQuery = z.object({
  show: z.enum(Object.keys(SETS) as [SetName, ...SetName[]]).catch('all'),
  entry: z.string().max(100).optional().catch(undefined),
  ids: z
    .string()
    .regex(/^\d+(,\d+)*$/)
    .max(2000)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).catch(1),
})

export const argOf = (q: { show: SetName; entry?: string; ids?: string }) =>
  q.show === 'entry' || q.show === 'rated' ? (q.entry ?? '') : q.show === 'ids' ? (q.ids ?? '0') : null

export async function countSet(db: Db, name: SetName, p: { from: Date; to: Date; channel: string | null }, arg: string | null = null): Promise<number> {
  const r = await db.query<{ n: number }>(`select count(*)::int as n from (${SETS[name]}) x`, [p.from, p.to, p.channel, arg])
  return Number(r.rows[0]?.n ?? 0)
}

export interface ConversationRow {
  id: number
  createdAt: Date
  channel: string
  status: string
  customer: string
  messages: number
  lastText: string
}

export const PAGE = 50

export async function listSet(
  db: Db,
  name: SetName,
  p: { from: Date; to: Date; channel: string | null },
  arg: string | null,
  page: number,
): Promise<{ total: number; rows: ConversationRow[] }> {
  const total = (await db.query<{ n: number }>(`select count(*)::int as n from (${SETS[name]}) x`, [p.from, p.to, p.channel, arg])).rows[0]?.n ?? 0
  const r = await db.query<any>(
    `select c.id, c.created_at, c.channel, c.status, coalesce(cu.name, cu.id) as customer,
            (select count(*)::int from messages m where m.conversation_id = c.id) as messages,
            (select m.text from messages m where m.conversation_id = c.id and m.sender_type = 'customer' order by m.id desc limit 1) as last_text
       from conversations c join customers cu on cu.id = c.customer_id
      where c.id in (${SETS[name]}) order by c.created_at desc, c.id desc limit ${PAGE} offset ${(page - 1) * PAGE}`,
    [p.from, p.to, p.channel, arg],
  )
  return {
    total: Number(total),
    rows: r.rows.map((x) => ({
      id: Number(x.id),
      createdAt: new Date(x.created_at),
      channel: x.channel,
      status: x.status,
      customer: x.customer,
      messages: x.messages,
      lastText: x.last_text ?? '',
    })),
  }
}
