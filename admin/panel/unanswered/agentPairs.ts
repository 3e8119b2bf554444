/**
 * What agents taught the customer after a handover, as candidate entries: the customer's
 * question (the last real question before the agent's first reply to it) and that reply.
 * Pairs whose question the bot now answers are skipped, so the queue only shows what the
 * knowledge base still lacks.
 */
import type { Db } from '../../../bot/db/client.ts'
import { classify } from '../../../bot/turn/classify.ts'
import { search } from '../../../knowledge/search/search.ts'
import { groupSimilar, type Group, type Occurrence } from './group.ts'
import { withoutHandled, type Period } from './queries.ts'

export interface Pair extends Occurrence {
  reply: string
  agent: string
}

const MAX_SCAN = 2000
/** Each shown pair costs one search (is it answered already?); the page shows at most this many. */
export const MAX_PAIRS = 20

export async function listPairs(db: Db, p: Period): Promise<Pair[]> {
  // For every public agent reply: the customer's last few messages before it, newest first.
  const r = await db.query<any>(
    `select a.id as reply_id, a.text as reply, coalesce(u.display_name, '—') as agent, q.id, q.text, q.created_at, q.conversation_id, q.parts
       from messages a
       join conversations c on c.id = a.conversation_id
       left join staff_users u on u.id::text = a.sender_id
       join lateral (select m.id, m.text, m.created_at, m.conversation_id, m.parts from messages m
                      where m.conversation_id = a.conversation_id and m.id < a.id and m.sender_type = 'customer'
                      order by m.id desc limit 5) q on true
      where a.sender_type = 'agent' and not a.is_private and a.direction = 'out' and a.created_at >= $1 and a.created_at < $2
        and ($3::text is null or c.channel = $3)
      order by a.id, q.id desc limit ${MAX_SCAN * 5}`,
    [p.from, p.to, p.channel ?? null],
  )
  const byReply = new Map<number, any[]>()
  for (const x of r.rows) byReply.set(Number(x.reply_id), [...(byReply.get(Number(x.reply_id)) ?? []), x])
  const seenQuestion = new Set<number>()
  const out: Pair[] = []
  for (const rows of byReply.values()) {
    // "转人工", "你好", "2" are not the question; the message before them is.
    const q = rows.find((x) => !x.parts?.payload && classify(x.text, undefined, 0).type === 'question' && !/^\s*\d{1,2}\s*$/.test(x.text))
    if (!q || seenQuestion.has(Number(q.id))) continue // only the first reply to a question
    seenQuestion.add(Number(q.id))
    out.push({
      messageId: Number(q.id),
      conversationId: Number(q.conversation_id),
      text: q.text,
      at: new Date(q.created_at),
      reply: rows[0].reply,
      agent: rows[0].agent,
    })
  }
  return out.slice(-MAX_SCAN)
}

/** Grouped like the unanswered questions; each group offers its latest agent reply as the answer. */
export async function agentPairGroups(db: Db, p: Period): Promise<Group<Pair>[]> {
  const groups = groupSimilar(await withoutHandled(db, await listPairs(db, p), 'agent_reply'))
  const out: Group<Pair>[] = []
  for (const g of groups) {
    if (out.length >= MAX_PAIRS) break
    if ((await search(db, g.sample, { limit: 1 })).decision === 'answer') continue
    out.push(g)
  }
  return out
}
