/**
 * A follow-up as a question that stands alone (「那北京呢？」 after 「上海几天到？」 →
 * 「北京几天到？」), so search sees what the customer means. Only ever searched with: the
 * customer is never shown it, and the judge still reads their own words.
 */
import { z } from 'zod'
import type { Locale } from '../conversations/types.ts'
import { type AskDeps, askModel } from './ask.ts'
import type { Masker } from './mask.ts'
import { REWRITE_PROMPT } from './prompts.ts'

const schema = z.object({ question: z.string().trim().min(1).max(300) })

export async function standaloneQuestion(
  deps: AskDeps,
  input: { message: string; history: string[]; language: Locale; deadline: number; conversationId: number; masker: Masker },
): Promise<string | null> {
  const res = await askModel(deps, {
    purpose: 'rewrite',
    prompt: REWRITE_PROMPT,
    values: {
      language: input.language === 'zh' ? 'Chinese' : 'English',
      history: input.history.map((h) => input.masker.mask(h)).join('\n'),
      message: input.masker.mask(input.message),
    },
    schema,
    deadline: input.deadline,
    conversationId: input.conversationId,
    maxTokens: 120,
  })
  return res.ok ? input.masker.restore(res.value.question) : null
}
