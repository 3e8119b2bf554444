/**
 * The customer asks about their tickets in the chat: "查询工单", "我的工单", or a ticket
 * number. Only their own tickets are ever shown; someone else's number is "not found",
 * exactly like a number that does not exist. A ticket merged into another says which one
 * it carries on as.
 */
import { normalise } from '../../knowledge/text/normalise.ts'
import type { Db } from '../db/client.ts'
import type { Reply } from '../conversations/addReply.ts'
import type { Conversation } from '../conversations/store.ts'
import type { Locale } from '../conversations/types.ts'
import { sayT, statusLabel, typeLabel } from './phrases.ts'
import { customerTickets, survivorOf, type CustomerTicket } from './readTickets.ts'
import { findTicketNumber } from './types.ts'

const LOOKUP = ['查询工单', '我的工单', '工单进度', '查工单', '工单状态', '查看工单', 'my ticket', 'my tickets', 'ticket status', 'check my ticket']

/** A number anywhere in a short message, or a lookup phrase; long messages are questions, not lookups. */
export function lookupRequest(text: string): { number: string | null } | null {
  const number = findTicketNumber(text)
  if (number && text.length <= 60) return { number }
  const t = normalise(text)
  if (t.length <= 16 && LOOKUP.some((w) => t.includes(normalise(w)))) return { number: null }
  return null
}

/** "11/23 14:05" in the company's time zone. */
function when(at: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at)
}

export async function lookupReply(db: Db, conv: Conversation, req: { number: string | null }, timezone: string): Promise<Reply[]> {
  const l = conv.language
  const found = await customerTickets(db, conv.customerId, { number: req.number ?? undefined, limit: req.number ? 1 : 5 })
  if (req.number && !found[0]) return [{ kind: 'system', text: sayT('lookupNotFound', l, { number: req.number }) }]
  if (!found[0]) return [{ kind: 'system', text: sayT('lookupNone', l) }]
  const fmt = (at: Date) => when(at, l, timezone)
  if (found.length === 1 || req.number) {
    const { ticket: t, lastUpdate, lastUpdateAt } = found[0]
    // A merged duplicate answers with the ticket it carries on as.
    const survivor = await survivorOf(db, t)
    if (survivor) {
      const s = survivor.ticket
      return [
        {
          kind: 'system',
          text: sayT('lookupMerged', l, {
            number: t.number,
            into: s.number,
            status: statusLabel(s.status, l),
            when: fmt(survivor.lastUpdateAt),
            update: survivor.lastUpdate ?? '',
          }),
          buttons: [{ label: s.number, payload: `say:${s.number}` }],
        },
      ]
    }
    return [
      {
        kind: 'system',
        text: sayT('lookupOne', l, {
          number: t.number,
          type: typeLabel(t.type, l),
          status: statusLabel(t.status, l),
          when: fmt(lastUpdateAt),
          update: lastUpdate ?? '',
        }),
      },
    ]
  }
  const state = ({ ticket: t, mergedIntoNumber: into }: CustomerTicket) => (into ? sayT('mergedLabel', l, { into }) : statusLabel(t.status, l))
  const lines = found.map((f) => `${f.ticket.number} · ${typeLabel(f.ticket.type, l)} · ${state(f)}`).join('\n')
  return [{ kind: 'system', text: sayT('lookupList', l, { lines }), buttons: found.map(({ ticket: t }) => ({ label: t.number, payload: `say:${t.number}` })) }]
}
