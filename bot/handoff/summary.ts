/**
 * The hand-off summary, so the agent does not ask again: the customer's real problems
 * (their messages that say something — not 你好, not 转人工, not a button number), what the
 * bot tried, and the order or waybill numbers, phone numbers and ticket numbers found in
 * their messages. All by rules over the stored messages, no model: the same conversation
 * gives the same summary.
 */
import { halfWidth } from '../customers/profileRules.ts'
import { recentPublic } from '../conversations/messages.ts'
import type { Db } from '../db/client.ts'
import { TICKET_NUMBER, canonicalNumber } from '../tickets/types.ts'
import { classify } from '../turn/classify.ts'
import { toneOf, type Tone } from '../turn/tone.ts'

export interface HandoffSummary {
  asked: string[]
  botTried: { kind: string | null; entryId: string | null; text: string }[]
  found: { orders: string[]; phones: string[]; tickets: string[] }
  tone: Tone | null
}

/** A mobile number as typed: 13900001111, 139 0000 1111, 139-0000-1111, +86 …. */
export const MOBILE = /(?<!\d)(?:\+?86[-\s]?)?(1[3-9]\d)[-\s]?(\d{4})[-\s]?(\d{4})(?!\d)/g
export const LANDLINE = /(?<!\d)(0\d{2,3}-\d{7,8})(?!\d)/g
export const ORDER = /(?<![a-z0-9])([a-z]{1,4}\d{8,}|\d{10,})(?![a-z0-9])/gi
const TICKETS = new RegExp(TICKET_NUMBER.source, 'gi')
/** What a customer says that carries no problem of its own. */
const EMPTY_INTENTS = new Set(['greeting', 'thanks', 'goodbye', 'ack', 'option', 'leaveQueue', 'queuePosition', 'ticket'])
const MAX_ASKED = 8
/** What the bot tried to answer with; its ticket and queue messages are shown elsewhere (tickets, status). */
const TRIED = new Set(['answer', 'clarify', 'fallback'])

const unique = (xs: string[]) => [...new Set(xs)]

/** Order and waybill numbers, phones and ticket numbers in some text (full-width digits read as digits). */
export function findNumbers(texts: string[]): HandoffSummary['found'] {
  const tickets: string[] = []
  const phones: string[] = []
  const orders: string[] = []
  for (const raw of texts) {
    let t = halfWidth(raw)
    t = t.replace(TICKETS, (...m) => (tickets.push(canonicalNumber(m as unknown as RegExpMatchArray)), ' '))
    t = t.replace(MOBILE, (_, a: string, b: string, c: string) => (phones.push(a + b + c), ' ')).replace(LANDLINE, (_, n: string) => (phones.push(n), ' '))
    for (const m of t.matchAll(ORDER)) orders.push(m[1]!.toUpperCase())
  }
  return { orders: unique(orders), phones: unique(phones), tickets: unique(tickets) }
}

/** A message worth showing as a problem: a question, a case, a complaint — or a request for a person that says more. */
function saysSomething(text: string): boolean {
  const t = text.trim()
  if (!t || /^\d{1,2}$/.test(t)) return false
  const intent = classify(t, undefined, 0).type
  if (intent === 'handoff') return t.replace(/[\s,，。.!！?？]/g, '').length > 8
  return !EMPTY_INTENTS.has(intent)
}

export async function handoffSummary(tx: Db, conversationId: number): Promise<HandoffSummary> {
  const recent = await recentPublic(tx, conversationId, 60)
  const said = recent.filter((m) => m.senderType === 'customer').map((m) => m.text)
  const tones = said.map(toneOf)
  return {
    asked: unique(said.filter(saysSomething)).slice(-MAX_ASKED),
    botTried: recent
      .filter((m) => m.senderType === 'bot' && TRIED.has(m.kind ?? ''))
      .map((m) => ({ kind: m.kind, entryId: m.kbEntryId, text: m.text.slice(0, 120) }))
      .slice(-4),
    found: findNumbers(said),
    tone: tones.includes('complaint') ? 'complaint' : tones.includes('angry') ? 'angry' : null,
  }
}
