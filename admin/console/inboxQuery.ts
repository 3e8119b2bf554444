/**
 * The console's lists: the queue (everyone waiting, VIP first, longest wait first), my
 * conversations, and every open conversation for supervisors — each row with who the
 * customer is, the last thing said to them (private notes left out of the preview), how many
 * of their messages this agent has not read, and since when the customer has been waiting.
 */
import type { Db } from '../../bot/db/client.ts'
import type { Locale } from '../../bot/conversations/types.ts'
import { readableName } from '../../bot/customers/names.ts'
import { UNREAD_SQL } from '../../bot/handoff/readState.ts'

export type InboxView = 'queue' | 'mine' | 'all'

export interface InboxItem {
  id: number
  status: string
  channel: string
  customerId: string
  customerName: string
  tier: string
  assigneeId: number | null
  assigneeName: string | null
  team: string | null
  priority: number
  handoffReason: string | null
  labels: string[]
  queuedAt: Date | null
  updatedAt: Date
  last: { text: string; senderType: string; at: Date } | null
  /** Customer messages this agent has not seen yet. */
  unread: number
  /** Since when the customer waits: in the queue, or for an answer to their last message. */
  waitingSince: Date | null
}

const FILTERS: Record<InboxView, { where: string; order: string }> = {
  queue: { where: `c.status = 'waiting'`, order: 'c.priority desc, c.queued_at, c.id' },
  mine: { where: `c.status = 'agent' and c.assignee_id = $1`, order: 'c.updated_at desc, c.id desc' },
  all: { where: `c.status <> 'closed'`, order: `(c.status = 'waiting') desc, c.priority desc, c.updated_at desc, c.id desc` },
}

/** `label` keeps the conversations carrying it; `locale` words the name of a customer who gave none. */
export async function listInbox(db: Db, view: InboxView, me: number, opts: { label?: string; locale?: Locale } = {}): Promise<InboxItem[]> {
  const f = FILTERS[view]
  // $1 is always me: the unread count reads this agent's read marks.
  const params: unknown[] = [me]
  const byLabel = opts.label ? ` and exists (select 1 from conversation_labels l where l.conversation_id = c.id and l.label = $${params.push(opts.label)})` : ''
  const r = await db.query<any>(
    `select c.*, cu.name as customer_name, cu.tier, u.display_name as assignee_name,
            (select ci.display_name from customer_identities ci
              where ci.customer_id = c.customer_id and ci.display_name is not null
              order by ci.last_seen_at desc limit 1) as identity_name,
            (select coalesce(array_agg(l.label order by l.label), '{}') from conversation_labels l where l.conversation_id = c.id) as labels,
            lm.text as last_text, lm.sender_type as last_sender, lm.created_at as last_at,
            ${UNREAD_SQL} as unread
       from conversations c
       join customers cu on cu.id = c.customer_id
       left join staff_users u on u.id = c.assignee_id
       left join lateral (select text, sender_type, created_at from messages m
                           where m.conversation_id = c.id and not m.is_private order by m.id desc limit 1) lm on true
      where ${f.where}${byLabel}
      order by ${f.order}
      limit 200`,
    params,
  )
  return r.rows.map((x) => ({
    id: x.id,
    status: x.status,
    channel: x.channel,
    customerId: x.customer_id,
    customerName: readableName({ id: x.customer_id, name: x.customer_name, identityName: x.identity_name, channel: x.channel }, opts.locale ?? 'zh'),
    tier: x.tier,
    assigneeId: x.assignee_id,
    assigneeName: x.assignee_name,
    team: x.team,
    priority: x.priority,
    handoffReason: x.handoff_reason,
    labels: x.labels ?? [],
    queuedAt: x.queued_at && new Date(x.queued_at),
    updatedAt: new Date(x.updated_at),
    last: x.last_at ? { text: String(x.last_text).slice(0, 140), senderType: x.last_sender, at: new Date(x.last_at) } : null,
    unread: x.unread,
    waitingSince: waitingSince(x),
  }))
}

function waitingSince(x: { status: string; queued_at: unknown; last_sender: string | null; last_at: unknown }): Date | null {
  if (x.status === 'waiting') return x.queued_at ? new Date(x.queued_at as string) : null
  if (x.status === 'agent' && x.last_sender === 'customer') return new Date(x.last_at as string)
  return null
}

/** Badge numbers for the tabs, and the customer messages in my conversations I have not read. */
export async function inboxCounts(db: Db, me: number): Promise<{ queue: number; mine: number; unread: number }> {
  const r = await db.query<{ queue: number; mine: number; unread: number }>(
    `select count(*) filter (where c.status = 'waiting')::int as queue,
            count(*) filter (where c.status = 'agent' and c.assignee_id = $1)::int as mine,
            coalesce(sum(${UNREAD_SQL}) filter (where c.status = 'agent' and c.assignee_id = $1), 0)::int as unread
       from conversations c where c.status in ('waiting', 'agent')`,
    [me],
  )
  return r.rows[0] ?? { queue: 0, mine: 0, unread: 0 }
}
