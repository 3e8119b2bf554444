/**
 * What the bot could not answer: the customer message right before each bot reply of kind
 * 'fallback' or 'clarify', minus what an admin already handled (unanswered_dismissals)
 * and minus wordings that are now questions of a live entry (they would be answered).
 */
import type { Db } from '../../../bot/db/client.ts'
import { LIVE } from '../../../knowledge/search/search-sql.ts'
import { groupSimilar, keyOf, type Group, type Occurrence } from './group.ts'

export interface Period {
  from: Date
  to: Date
  channel?: string | null
}

export interface Miss extends Occurrence {
  reply: 'fallback' | 'clarify'
  channel: string
}

/** Enough to see the pattern; older misses beyond this many are not grouped. */
const MAX_SCAN = 5000

export async function listMisses(db: Db, p: Period): Promise<Miss[]> {
  // distinct on: one customer message can be followed by several bot replies (a note, then the fallback).
  const r = await db.query<any>(
    `select distinct on (q.id) q.id, q.text, q.created_at, q.conversation_id, c.channel, b.kind
       from messages b
       join conversations c on c.id = b.conversation_id
       join lateral (select m.id, m.text, m.created_at, m.conversation_id, m.parts from messages m
                      where m.conversation_id = b.conversation_id and m.id < b.id and m.sender_type = 'customer'
                      order by m.id desc limit 1) q on true
      where b.sender_type = 'bot' and b.kind in ('fallback', 'clarify') and b.created_at >= $1 and b.created_at < $2
        and ($3::text is null or c.channel = $3)
        and not (q.parts ? 'payload')
      order by q.id desc limit ${MAX_SCAN}`,
    [p.from, p.to, p.channel ?? null],
  )
  return r.rows
    .filter((x) => !/^\s*\d{1,2}\s*$/.test(x.text)) // "3": a pick among offered options, not a question
    .map((x) => ({
      messageId: Number(x.id),
      conversationId: Number(x.conversation_id),
      text: x.text,
      at: new Date(x.created_at),
      reply: x.kind,
      channel: x.channel,
    }))
}

export type Source = 'question' | 'agent_reply'

/** Drop what an admin handled: a dismissal hides a wording for good; added / new_entry hide what came before it. */
export async function withoutHandled<T extends Occurrence>(db: Db, items: T[], source: Source): Promise<T[]> {
  if (items.length === 0) return items
  const done = await db.query<{ key: string; outcome: string; done_at: Date }>('select key, outcome, done_at from unanswered_dismissals where source = $1', [
    source,
  ])
  const handled = new Map(done.rows.map((d) => [d.key, d]))
  const live = await db.query<{ text: string }>(
    `select distinct q.text from kb_questions q join kb_entries e on e.id = q.entry_id where ${LIVE} and q.text = any($1)`,
    [[...new Set(items.map((i) => i.text.trim()))]],
  )
  const answered = new Set(live.rows.map((x) => x.text))
  return items.filter((it) => {
    if (answered.has(it.text.trim())) return false
    const d = handled.get(keyOf(it.text))
    if (!d) return true
    return d.outcome !== 'dismissed' && it.at.getTime() > new Date(d.done_at).getTime()
  })
}

export async function unansweredGroups(db: Db, p: Period): Promise<Group<Miss>[]> {
  return groupSimilar(await withoutHandled(db, await listMisses(db, p), 'question'))
}

export async function recordHandled(
  db: Db,
  input: { keys: string[]; source: Source; outcome: 'dismissed' | 'added' | 'new_entry'; sample: string; entryId?: string | null; by: string; at: Date },
): Promise<void> {
  for (const key of new Set(input.keys)) {
    await db.query(
      `insert into unanswered_dismissals (key, source, outcome, entry_id, sample, done_by, done_at) values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (key, source) do update set outcome = excluded.outcome, entry_id = excluded.entry_id, sample = excluded.sample,
         done_by = excluded.done_by, done_at = excluded.done_at`,
      [key, input.source, input.outcome, input.entryId ?? null, input.sample, input.by, input.at],
    )
  }
}
