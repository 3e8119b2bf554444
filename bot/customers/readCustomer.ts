/**
 * A customer as staff see them: the profile, who their account manager is, every channel
 * identity, their conversations on every channel and their tickets with SLA state — so an
 * agent knows who this is and what already happened without asking (首问负责). Reads only.
 */
import { z } from 'zod'
import type { Db } from '../db/client.ts'
import { at, int, maybeAt } from '../db/columns.ts'
import { NotFound } from '../errors.ts'
import type { Locale } from '../conversations/types.ts'
import { toTicket } from '../tickets/rows.ts'
import type { Ticket } from '../tickets/types.ts'
import { readableName } from './names.ts'
import { identityListRow, profileRow, type ProfileRow } from './rows.ts'

export interface TicketBrief {
  number: string
  type: Ticket['type']
  status: Ticket['status']
  priority: Ticket['priority']
  subject: string
  conversationId: number | null
  channel: string | null
  createdAt: Date
  /** The SLA: when the next target falls due, and whether one was missed. */
  sla: { firstResponseDueAt: Date | null; resolutionDueAt: Date | null; breached: boolean; warned: boolean; paused: boolean }
}

export interface CustomerProfile {
  id: string
  displayName: string
  name: string | null
  phone: string | null
  email: string | null
  address: string | null
  language: string | null
  tier: ProfileRow['tier']
  tags: string[]
  notes: string
  accountManager: { id: number; name: string } | null
  mergedIntoId: string | null
  identities: { channel: string; externalId: string; displayName: string | null; lastSeenAt: Date }[]
  conversations: { id: number; channel: string; status: string; createdAt: Date; closedAt: Date | null; messageCount: number; firstText: string | null }[]
  tickets: TicketBrief[]
}

const conversationBrief = z.object({
  id: int,
  channel: z.string(),
  status: z.string(),
  created_at: at,
  closed_at: maybeAt,
  message_count: int,
  first_text: z.string().nullable(),
})
const managerRow = z.object({ id: int, display_name: z.string() })

export function ticketBrief(t: Ticket): TicketBrief {
  const open = t.status !== 'closed' && t.status !== 'resolved'
  return {
    number: t.number,
    type: t.type,
    status: t.status,
    priority: t.priority,
    subject: t.subject,
    conversationId: t.conversationId,
    channel: t.channel,
    createdAt: t.createdAt,
    sla: {
      firstResponseDueAt: t.firstRespondedAt ? null : t.firstResponseDueAt,
      resolutionDueAt: open ? t.resolutionDueAt : null,
      breached: !!(t.resolutionBreachedAt || t.firstResponseBreachedAt),
      warned: !!t.resolutionWarnedAt,
      paused: !!t.resolutionPausedAt,
    },
  }
}

export async function customerProfile(db: Db, id: string, locale: Locale): Promise<CustomerProfile> {
  const found = (await db.query('select * from customers where id = $1', [id])).rows[0]
  if (!found) throw new NotFound(`No customer ${id}.`)
  const cu = profileRow.parse(found)
  const [identities, conversations, tickets, manager] = await Promise.all([
    db.query('select channel, external_id, display_name, last_seen_at from customer_identities where customer_id = $1 order by last_seen_at desc', [id]),
    db.query(
      `select c.id, c.channel, c.status, c.created_at, c.closed_at,
              (select count(*)::int from messages m where m.conversation_id = c.id and not m.is_private) as message_count,
              (select m.text from messages m where m.conversation_id = c.id and m.sender_type = 'customer' order by m.id limit 1) as first_text
         from conversations c where c.customer_id = $1 order by c.created_at desc, c.id desc limit 50`,
      [id],
    ),
    db.query('select * from tickets where customer_id = $1 order by created_at desc, id desc limit 50', [id]),
    cu.account_manager_id == null ? null : db.query('select id, display_name from staff_users where id = $1', [cu.account_manager_id]),
  ])
  const ids = identities.rows.map((r) => identityListRow.parse(r))
  const am = manager?.rows[0] ? managerRow.parse(manager.rows[0]) : null
  return {
    id: cu.id,
    displayName: readableName({ id: cu.id, name: cu.name, identityName: ids.find((i) => i.display_name)?.display_name, channel: ids[0]?.channel }, locale),
    name: cu.name,
    phone: cu.phone,
    email: cu.email,
    address: cu.address,
    language: cu.language,
    tier: cu.tier,
    tags: cu.tags,
    notes: cu.notes,
    accountManager: am && { id: am.id, name: am.display_name },
    mergedIntoId: cu.merged_into_id,
    identities: ids.map((i) => ({ channel: i.channel, externalId: i.external_id, displayName: i.display_name, lastSeenAt: i.last_seen_at })),
    conversations: conversations.rows
      .map((r) => conversationBrief.parse(r))
      .map((c) => ({
        id: c.id,
        channel: c.channel,
        status: c.status,
        createdAt: c.created_at,
        closedAt: c.closed_at,
        messageCount: c.message_count,
        firstText: c.first_text?.slice(0, 140) ?? null,
      })),
    tickets: tickets.rows.map((r) => ticketBrief(toTicket(r))),
  }
}

const searchRow = z.object({
  id: z.string(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  tier: z.string(),
  identity_name: z.string().nullable(),
  channel: z.string().nullable(),
})

/** Customers whose name, phone, email, id or channel name holds `q` (merged ones left out): for picking whom to merge. */
export async function searchCustomers(db: Db, q: string, locale: Locale) {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const r = await db.query(
    `select cu.id, cu.name, cu.phone, cu.tier,
            (select i.display_name from customer_identities i where i.customer_id = cu.id and i.display_name is not null order by i.last_seen_at desc limit 1) as identity_name,
            (select i.channel from customer_identities i where i.customer_id = cu.id order by i.last_seen_at desc limit 1) as channel
       from customers cu
      where cu.merged_into_id is null
        and (cu.id ilike $1 or cu.name ilike $1 or cu.phone ilike $1 or cu.email ilike $1
             or exists (select 1 from customer_identities i where i.customer_id = cu.id and (i.display_name ilike $1 or i.external_id ilike $1)))
      order by cu.updated_at desc limit 20`,
    [like],
  )
  return r.rows
    .map((x) => searchRow.parse(x))
    .map((x) => ({
      id: x.id,
      displayName: readableName({ id: x.id, name: x.name, identityName: x.identity_name, channel: x.channel }, locale),
      phone: x.phone,
      tier: x.tier,
      channel: x.channel,
    }))
}
