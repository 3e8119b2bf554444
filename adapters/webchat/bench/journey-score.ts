/**
 * What the bot did with one customer message, read from the replies the web chat's API
 * returned, and whether that is what the message called for. An answer is known by its
 * text (the entry's answer), a clarification by its options (the entries' standard
 * questions), a ticket by the ticket draft's opening line.
 */
import type { BenchEntry } from '../../../knowledge/bench/dataset.ts'
import { sayT } from '../../../bot/tickets/phrases.ts'

export type Expected = { kind: 'answer'; entry: string } | { kind: 'smalltalk' | 'handoff' | 'ticket' | 'fallback' }
export interface JourneyMessage {
  text: string
  before?: string[]
  expect: Expected
  tags?: string[]
}
export type Did =
  // cited: the entries a model-composed answer stands on (bench --llm); it is right when the expected one is among them.
  | { kind: 'answer'; entry: string | null; cited?: string[] }
  | { kind: 'clarify'; entries: string[] }
  | { kind: 'smalltalk' | 'handoff' | 'ticket' | 'fallback' | 'other' }
export type Verdict = 'right' | 'clarified-right' | 'clarified-wrong' | 'wrong-answer' | 'missed'

interface Reply {
  kind: string | null
  text: string
  buttons: { label: string }[]
}

// Answers reach the widget rendered (Markdown → HTML): compare their words, not their markup.
const bare = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&[a-z]+;|&#\d+;/g, '')
    .replace(/[\s*_`#>\-•]+/g, '')

export function reader(kb: BenchEntry[]) {
  const byAnswer = new Map(kb.map((e) => [bare(e.answer ?? ''), e.id]))
  const byQuestion = new Map(kb.map((e) => [e.question.trim(), e.id]))
  const draftStart = new Set([sayT('draftStart', 'zh'), sayT('draftStart', 'en')])
  return (replies: Reply[]): Did => {
    const a = replies.find((r) => r.kind === 'answer')
    if (a) return { kind: 'answer', entry: byAnswer.get(bare(a.text)) ?? null }
    const c = replies.find((r) => r.kind === 'clarify')
    if (c) return { kind: 'clarify', entries: c.buttons.map((b) => byQuestion.get(b.label.trim())).filter((x): x is string => !!x) }
    if (replies.some((r) => draftStart.has(r.text))) return { kind: 'ticket' }
    if (replies.some((r) => r.kind === 'handoff' || r.kind === 'queue')) return { kind: 'handoff' }
    if (replies.some((r) => r.kind === 'greeting' || r.kind === 'smalltalk')) return { kind: 'smalltalk' }
    if (replies.some((r) => r.kind === 'fallback')) return { kind: 'fallback' }
    return { kind: 'other' }
  }
}

export function verdict(expect: Expected, did: Did): Verdict {
  if (expect.kind === 'answer') {
    if (did.kind === 'answer') return did.entry === expect.entry || did.cited?.includes(expect.entry) ? 'right' : 'wrong-answer'
    if (did.kind === 'clarify') return did.entries.includes(expect.entry) ? 'clarified-right' : 'clarified-wrong'
    return 'missed'
  }
  if (did.kind === 'answer') return 'wrong-answer'
  // A case for a ticket is also well served by a person; an out-of-scope message by options to a person or a ticket.
  const ok = did.kind === expect.kind || (expect.kind === 'ticket' && did.kind === 'handoff') || (expect.kind === 'fallback' && did.kind === 'handoff')
  return ok ? 'right' : 'missed'
}
