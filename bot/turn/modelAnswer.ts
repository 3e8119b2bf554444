/**
 * Where the model helps a customer's turn (bot/llm), only when one is configured and the
 * admin allows it on this channel. The curated path runs first and its sure answers go out
 * as they are; the model is asked only about what search was not sure of (a clarify or a
 * fallback), within a deadline the channel can afford. Every way this can fail — no time
 * left, a timeout, an error, the cap, an answer that cites nothing shown or is not grounded —
 * returns null, and the curated decision stands.
 */
import type { Ctx } from '../context.ts'
import type { Reply } from '../conversations/addReply.ts'
import type { Channel } from '../conversations/types.ts'
import type { Conversation } from '../conversations/store.ts'
import { previousQuestion, recentPublic } from '../conversations/messages.ts'
import type { Db } from '../db/client.ts'
import { type Judgement, judgeCandidates, type ShownEntry } from '../llm/judge.ts'
import { createMasker } from '../llm/mask.ts'
import { standaloneQuestion } from '../llm/rewrite.ts'
import type { AskDeps } from '../llm/ask.ts'
import { getSetting, type SettingValue } from '../settings.ts'
import { search, type Candidate } from '../../knowledge/search/search.ts'
import { servableAnswers } from '../../knowledge/search/servableAnswers.ts'

export interface ModelHelp {
  deps: AskDeps
  settings: SettingValue<'llm'>
  /** Date.now() by which the model must have answered, for all its calls in this turn. */
  deadline: number
  maxChars: number
}

/** What the turn leaves itself after the model: storing the replies and committing, WeChat's passive reply on the way back. */
const WECHAT_MARGIN_MS = 1500
/** A short answer fits a phone screen; WeChat's customer-service text shows long ones folded. */
const MAX_CHARS = 300
const HISTORY_TURNS = 6

export async function modelHelpFor(ctx: Ctx, tx: Db, channel: Channel, turnStartedAt: number): Promise<ModelHelp | null> {
  if (!ctx.config.llm) return null
  const settings = await getSetting(tx, 'llm')
  if (!settings.channels[channel]) return null
  const budget = channel === 'wechat' ? Math.min(ctx.config.LLM_TIMEOUT_MS, ctx.config.WECHAT_REPLY_TIMEOUT_MS - WECHAT_MARGIN_MS) : ctx.config.LLM_TIMEOUT_MS
  return { deps: { config: ctx.config, db: tx, log: ctx.log }, settings, deadline: turnStartedAt + budget, maxChars: MAX_CHARS }
}

/** The last turns before this message, oldest first, for the model to read a follow-up by. */
async function historyOf(db: Db, conv: Conversation, text: string): Promise<string[]> {
  const rows = await recentPublic(db, conv.id, HISTORY_TURNS + 1)
  const last = rows.at(-1)
  if (last && last.senderType === 'customer' && last.text === text) rows.pop()
  return rows
    .filter((m) => m.text.trim())
    .map((m) => `${m.senderType === 'customer' ? 'customer' : m.senderType === 'bot' ? 'bot' : 'agent'}: ${m.text.slice(0, 300)}`)
}

/** The candidates' curated answers for this channel (published and valid now), in rank order. */
async function shownEntries(db: Db, conv: Conversation, candidates: Candidate[]): Promise<ShownEntry[]> {
  const servable = await servableAnswers(
    db,
    candidates.map((c) => c.entryId),
    conv.channel,
  )
  return candidates.filter((c) => servable.has(c.entryId)).map((c) => ({ entryId: c.entryId, question: c.question, answer: servable.get(c.entryId)!.answer }))
}

const CANDIDATES = 5

/**
 * The model's verdict on this message: rewriting a follow-up first (when the customer asked
 * something just before), then judging the best candidates of both searches together.
 */
export async function modelJudgement(help: ModelHelp, db: Db, conv: Conversation, text: string): Promise<Judgement> {
  const masker = createMasker(!help.settings.sendPersonalData)
  const history = await historyOf(db, conv, text)
  const own = await search(db, text, { candidates: CANDIDATES })
  let candidates = own.candidates
  if (help.settings.rewrite && history.length > 0 && (await previousQuestion(db, conv.id))) {
    const standalone = await standaloneQuestion(help.deps, {
      message: text,
      history,
      language: conv.language,
      deadline: help.deadline,
      conversationId: conv.id,
      masker,
    })
    if (standalone && standalone !== text) {
      const rewritten = await search(db, standalone, { candidates: CANDIDATES })
      const seen = new Set<string>()
      candidates = [...rewritten.candidates, ...own.candidates].filter((c) => !seen.has(c.entryId) && seen.add(c.entryId)).slice(0, CANDIDATES)
    }
  }
  const entries = await shownEntries(db, conv, candidates)
  return judgeCandidates(help.deps, {
    message: text,
    history,
    entries,
    language: conv.language,
    maxChars: help.maxChars,
    compose: help.settings.compose,
    deadline: help.deadline,
    conversationId: conv.id,
    masker,
  })
}

/** A composed answer: the model's words, with the entries it stands on. */
export function composedReply(j: Extract<Judgement, { kind: 'compose' }>): Reply {
  return { kind: 'answer', text: j.text, kbEntryId: j.entryIds[0]!, generated: { mode: 'composed', entries: j.entryIds } }
}
