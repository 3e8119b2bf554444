/**
 * Suggested replies for the agent of an open conversation, drawn from Kefu's knowledge:
 * search with the customer's last messages, then — when assist is on — the model writes up
 * to three short replies, each citing one entry it was shown. Checked in code: a citation
 * of an entry it was not shown, a number or link the cited entry does not state, or masked
 * data left in, and that suggestion is dropped. The curated answers themselves fill the
 * rest, so with no model (or a failing one) the agent still gets the knowledge base's best.
 * The agent sends; nothing here reaches the customer by itself.
 */
import { z } from 'zod'
import { search } from '../../knowledge/search/search.ts'
import { servableAnswers, type ServableAnswer } from '../../knowledge/search/servableAnswers.ts'
import type { Ctx } from '../context.ts'
import { customerTexts } from '../conversations/messages.ts'
import { readConversation } from '../conversations/store.ts'
import { NotFound } from '../errors.ts'
import { askModel } from './ask.ts'
import { assistFor, languageName } from './assist.ts'
import { SUGGEST_PROMPT } from './assistPrompts.ts'
import { checkGrounded } from './grounding.ts'
import type { Masker } from './mask.ts'

export interface Suggestion {
  text: string
  entryId: string
  question: string
  /** 'model': written by the model from the entry; 'curated': the entry's own answer. */
  source: 'model' | 'curated'
}

const MAX_SUGGESTIONS = 3
const CANDIDATES = 5
const MAX_CHARS = 200
const PLACEHOLDER = /\[(?:EMAIL|ID|PHONE|ADDRESS|ORDER)_\d+\]/

const repliesSchema = z.object({
  replies: z
    .array(z.object({ text: z.string().max(2000), entry: z.string().max(20) }))
    .max(6)
    .default([]),
})

export async function suggestReplies(ctx: Ctx, conversationId: number): Promise<Suggestion[]> {
  const conv = await readConversation(ctx.db, conversationId)
  if (!conv) throw new NotFound(`No conversation ${conversationId}.`)
  const said = (await customerTexts(ctx.db, conversationId, 3)).filter((t) => t.trim())
  if (said.length === 0) return []
  const found = await search(ctx.db, said.join('\n'), { candidates: CANDIDATES })
  const servable = await servableAnswers(
    ctx.db,
    found.candidates.map((c) => c.entryId),
    conv.channel,
  )
  const entries = found.candidates.map((c) => servable.get(c.entryId)).filter((e): e is ServableAnswer => !!e)
  const curated = entries.map((e): Suggestion => ({ text: e.answer, entryId: e.entryId, question: e.question, source: 'curated' }))
  const written = await modelSuggestions(ctx, conversationId, conv.language, said, entries)
  const used = new Set(written.map((s) => s.entryId))
  return [...written, ...curated.filter((c) => !used.has(c.entryId))].slice(0, MAX_SUGGESTIONS)
}

async function modelSuggestions(ctx: Ctx, conversationId: number, language: 'zh' | 'en', said: string[], entries: ServableAnswer[]): Promise<Suggestion[]> {
  const assist = entries.length ? await assistFor(ctx) : null
  if (!assist) return []
  const shown = entries.slice(0, CANDIDATES)
  const res = await askModel(assist.deps, {
    purpose: 'suggest',
    prompt: SUGGEST_PROMPT,
    values: {
      language: languageName(language),
      maxChars: String(MAX_CHARS),
      entries: shown.map((e, i) => `[E${i + 1}] Q: ${e.question}\nA: ${e.answer}`).join('\n\n'),
      conversation: said.map((t) => assist.masker.mask(t.slice(0, 500))).join('\n'),
    },
    schema: repliesSchema,
    deadline: assist.deadline,
    conversationId,
    maxTokens: 600,
  })
  if (!res.ok) return []
  const out: Suggestion[] = []
  for (const r of res.value.replies) {
    const s = checked(r, shown, assist.masker)
    if (s && !out.some((o) => o.entryId === s.entryId)) out.push(s)
  }
  if (out.length < res.value.replies.length)
    ctx.log.warn({ conversationId, dropped: res.value.replies.length - out.length }, 'llm: suggestions dropped by checks')
  return out.slice(0, MAX_SUGGESTIONS)
}

/** One suggestion as the model wrote it, kept only if it cites an entry it was shown and says nothing that entry does not. */
function checked(r: { text: string; entry: string }, shown: ServableAnswer[], masker: Masker): Suggestion | null {
  const id = r.entry.trim().toUpperCase()
  const entry = /^E\d+$/.test(id) ? shown[Number(id.slice(1)) - 1] : undefined
  const text = r.text.trim()
  if (!entry || !text || Array.from(text).length > MAX_CHARS * 1.25) return null
  // A placeholder is the customer's own data: it may name their order back to them, but it is not a fact to ground.
  if (!checkGrounded(text.replace(new RegExp(PLACEHOLDER.source, 'g'), ''), [`${entry.question}\n${entry.answer}`]).ok) return null
  const restored = masker.restore(text)
  if (PLACEHOLDER.test(restored)) return null
  return { text: restored, entryId: entry.entryId, question: entry.question, source: 'model' }
}
