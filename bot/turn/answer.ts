/** Ask the answer engine and turn its decision into the bot's reply (answer, clarify or fallback). */
import type { Db } from '../db/client.ts'
import { liveAnswer } from '../../knowledge/search/live-answer.ts'
import { search } from '../../knowledge/search/search.ts'
import type { Conversation, PendingOption } from '../conversations/store.ts'
import type { Reply } from '../conversations/addReply.ts'
import { say } from './phrases.ts'
import { lastEntryOf, previousQuestion } from '../conversations/messages.ts'
import { followUpText } from './followUp.ts'
import { composedReply, type ModelHelp, modelJudgement } from './modelAnswer.ts'

/**
 * The message alone first; a short or elliptical one (「那北京呢？」, 「多久到账」) that the
 * knowledge base cannot answer alone is read again together with the customer's previous
 * question. A direct answer from either wins (the message's own first), then options.
 */
async function searchInContext(db: Db, conv: Conversation, text: string) {
  const alone = await search(db, text, { limit: 5 })
  if (alone.decision === 'answer') return alone
  const withContext = followUpText(text, await previousQuestion(db, conv.id))
  if (!withContext) return alone
  const joined = await search(db, withContext, { limit: 5 })
  const top = joined.candidates[0]?.entryId
  // A follow-up asks something new: an entry the bot just gave is not its answer, and the
  // new words must point at the entry too (among their own candidates), or the previous
  // question alone wins: 「怎么退货」 then 「坏了」 is about repairs, not returns again.
  if (!top || top === (await lastEntryOf(db, conv.id))) return alone
  if (joined.decision === 'answer' && alone.candidates.some((c) => c.entryId === top)) return joined
  if (alone.decision === 'fallback' && joined.decision === 'clarify') return joined
  return alone
}

export interface BotAnswer {
  reply: Reply
  options: PendingOption[]
  decision: 'answer' | 'clarify' | 'fallback'
}

/** The entry's answer for this channel, with its links, images and quick replies. */
export async function entryReply(db: Db, conv: Conversation, entryId: string): Promise<Reply | null> {
  const e = await liveAnswer(db, entryId)
  if (!e) return null
  const extras = e.extras
  return {
    kind: 'answer',
    text: e.channelAnswers[conv.channel] || e.answer,
    links: extras.links ?? [],
    images: extras.images ?? [],
    buttons: (extras.buttons ?? []).map((b) => ({ label: b.label, payload: `say:${b.reply ?? b.label}` })),
    kbEntryId: entryId,
  }
}

/**
 * The curated path decides; a sure answer goes out as it is. What it was not sure of (a
 * clarify, a fallback) the model judges when `model` is given (bot/turn/modelAnswer.ts):
 * one entry's curated answer, a short answer composed from up to three, or "I don't know".
 */
export async function answerQuestion(db: Db, conv: Conversation, text: string, model: ModelHelp | null = null): Promise<BotAnswer> {
  const result = await searchInContext(db, conv, text)
  const locale = conv.language
  if (result.decision === 'answer') {
    const reply = await entryReply(db, conv, result.candidates[0]!.entryId)
    if (reply) return { reply, options: [], decision: 'answer' }
  }
  if (model) {
    const j = await modelJudgement(model, db, conv, text)
    if (j.kind === 'entry') {
      const reply = await entryReply(db, conv, j.entryId)
      if (reply) return { reply: { ...reply, generated: { mode: 'verified', entries: [j.entryId] } }, options: [], decision: 'answer' }
    }
    if (j.kind === 'compose') return { reply: composedReply(j), options: [], decision: 'answer' }
    if (j.kind === 'none') return fallback(locale)
  }
  if (result.decision === 'clarify' && result.candidates.length > 0) {
    const options: PendingOption[] = result.candidates.slice(0, 5).map((c) => ({ kind: 'entry', entryId: c.entryId, label: c.question }))
    options.push({ kind: 'action', action: 'none', label: say('clarifyNone', locale) })
    return {
      decision: 'clarify',
      options,
      reply: { kind: 'clarify', text: say('clarify', locale), buttons: options.map((o, i) => ({ label: o.label, payload: `opt:${i}` })) },
    }
  }
  return fallback(locale)
}

const fallback = (locale: 'zh' | 'en'): BotAnswer => ({
  decision: 'fallback',
  options: fallbackOptions(locale),
  reply: { kind: 'fallback', text: say('fallback', locale), buttons: fallbackButtons(locale) },
})

export function fallbackOptions(locale: 'zh' | 'en'): PendingOption[] {
  return [
    { kind: 'action', action: 'handoff', label: say('btnHuman', locale) },
    { kind: 'action', action: 'ticket', label: say('btnTicket', locale) },
  ]
}

export function fallbackButtons(locale: 'zh' | 'en') {
  return fallbackOptions(locale).map((o, i) => ({ label: o.label, payload: `opt:${i}` }))
}
