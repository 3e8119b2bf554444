/**
 * The model's say on the candidates search found but was not sure of: one of them answers
 * the message (then the customer gets that entry's curated answer), two or three together
 * do (then a short composed answer, citing them), or none does (then the bot says it does
 * not know and offers a person). What comes back is checked here, not trusted: an id it was
 * not shown, a composed answer with a number, link or wording no cited entry supports, or
 * a placeholder of masked data, and the verdict is dropped — the curated path answers.
 */
import { z } from 'zod'
import type { Locale } from '../conversations/types.ts'
import { type AskDeps, askModel } from './ask.ts'
import { checkGrounded } from './grounding.ts'
import type { Masker } from './mask.ts'
import { JUDGE_PROMPT } from './prompts.ts'

export interface ShownEntry {
  entryId: string
  question: string
  answer: string
}

export type Judgement =
  | { kind: 'entry'; entryId: string }
  | { kind: 'compose'; text: string; entryIds: string[] }
  | { kind: 'none' }
  /** No usable verdict (the model was off, slow, failing, or its answer failed a check): the curated path decides. */
  | { kind: 'unavailable'; reason: string }

const verdictSchema = z.object({
  verdict: z.enum(['entry', 'compose', 'none']),
  entries: z.array(z.string()).max(5).default([]),
  answer: z.string().max(4000).default(''),
})

/** Short ids (E1…) rather than entry ids: fewer tokens, and nothing for the model to mistype into another real id. */
const shortId = (i: number) => `E${i + 1}`

export interface JudgeInput {
  message: string
  /** The last turns, oldest first, as "customer: …" / "bot: …" lines. */
  history: string[]
  entries: ShownEntry[]
  language: Locale
  maxChars: number
  compose: boolean
  deadline: number
  conversationId: number
  masker: Masker
}

export async function judgeCandidates(deps: AskDeps, input: JudgeInput): Promise<Judgement> {
  const shown = input.entries.slice(0, 5)
  if (shown.length === 0) return { kind: 'unavailable', reason: 'no candidates' }
  const res = await askModel(deps, {
    purpose: 'judge',
    prompt: JUDGE_PROMPT,
    values: {
      language: input.language === 'zh' ? 'Chinese (the script the customer used)' : 'English',
      maxChars: String(input.maxChars),
      entries: shown.map((e, i) => `[${shortId(i)}] Q: ${e.question}\nA: ${e.answer}`).join('\n\n'),
      history: input.history.map((h) => input.masker.mask(h)).join('\n') || '(none)',
      message: input.masker.mask(input.message),
    },
    schema: verdictSchema,
    deadline: input.deadline,
    conversationId: input.conversationId,
    maxTokens: Math.min(1200, 200 + input.maxChars * 2),
  })
  if (!res.ok) return { kind: 'unavailable', reason: res.reason }
  const v = res.value
  if (v.verdict === 'none') return { kind: 'none' }
  const ids = [...new Set(v.entries.map((s) => s.trim().toUpperCase()))]
  const found = ids.map((id) => (/^E\d+$/.test(id) ? shown[Number(id.slice(1)) - 1] : undefined))
  if (ids.length === 0 || found.some((e) => !e)) return { kind: 'unavailable', reason: 'cites an entry it was not shown' }
  const cited = found as ShownEntry[]
  if (v.verdict === 'entry')
    return cited.length === 1 ? { kind: 'entry', entryId: cited[0]!.entryId } : { kind: 'unavailable', reason: 'entry verdict with several entries' }
  if (!input.compose) return { kind: 'unavailable', reason: 'composing is off' }
  if (cited.length > 3) return { kind: 'unavailable', reason: 'composed from more than three entries' }
  return checkComposed(v.answer.trim(), cited, input)
}

function checkComposed(text: string, cited: ShownEntry[], input: JudgeInput): Judgement {
  if (!text) return { kind: 'unavailable', reason: 'empty answer' }
  if (Array.from(text).length > input.maxChars * 1.25) return { kind: 'unavailable', reason: 'answer too long' }
  if (/\[(?:EMAIL|ID|PHONE|ADDRESS|ORDER)_\d+\]/.test(text)) return { kind: 'unavailable', reason: 'answer repeats masked personal data' }
  const han = (text.match(/[\u4e00-\u9fff]/g) ?? []).length
  if (input.language === 'zh' ? han === 0 : han > text.length / 4) return { kind: 'unavailable', reason: 'answer in the wrong language' }
  const grounded = checkGrounded(
    text,
    cited.map((e) => `${e.question}\n${e.answer}`),
  )
  if (!grounded.ok) {
    return {
      kind: 'unavailable',
      reason: `not grounded (${grounded.unsupported.length ? `unsupported: ${grounded.unsupported.join(', ')}` : `support ${grounded.support.toFixed(2)}`})`,
    }
  }
  return { kind: 'compose', text, entryIds: cited.map((e) => e.entryId) }
}
