/**
 * Ask the model one question and get a checked JSON answer back — or a reason it did not
 * come. Never throws: every caller has a curated path to fall back on, so a timeout, an
 * HTTP error, a daily cap reached or an answer that does not parse is an outcome, recorded
 * in llm_calls with its tokens and latency like a good answer.
 *
 * The prompt is a LangChain ChatPromptTemplate: the customer's words are template *values*,
 * substituted once and never parsed as template or instructions, and always sit in the
 * human message between markers the system message tells the model to treat as data.
 * The JSON is read by LangChain's JsonOutputParser (models wrap it in ``` fences, or add a
 * sentence) and then checked with zod, so a caller only ever sees the shape it asked for.
 */
import type { BaseMessage } from '@langchain/core/messages'
import { JsonOutputParser } from '@langchain/core/output_parsers'
import type { ChatPromptTemplate } from '@langchain/core/prompts'
import type { z } from 'zod'
import type { Config } from '../config.ts'
import type { Db } from '../db/client.ts'
import { type LlmOutcome, type LlmPurpose, recordLlmCall, tokensToday } from './audit.ts'
import { llmClient } from './client.ts'

export interface AskDeps {
  config: Config
  /** Where the call is recorded: the turn's transaction on the customer path, the pool elsewhere. */
  db: Db
  log: { warn(obj: object, msg: string): void }
}

export interface AskInput<T> {
  purpose: LlmPurpose
  prompt: ChatPromptTemplate
  values: Record<string, string>
  schema: z.ZodType<T>
  /** Date.now() by which the answer must be here. */
  deadline: number
  conversationId?: number | null
  maxTokens?: number
}

export type AskResult<T> =
  | { ok: true; value: T; latencyMs: number; tokens: number }
  | { ok: false; reason: LlmOutcome | 'off' | 'no_time'; latencyMs: number; detail?: string }

/** Below this there is no point starting a call: no model answers that fast over HTTP. */
const MIN_CALL_MS = 150

const parser = new JsonOutputParser()

const roleOf = (m: BaseMessage) => {
  const t = m.getType()
  return t === 'system' ? 'system' : t === 'ai' ? 'assistant' : 'user'
}

export async function askModel<T>(deps: AskDeps, input: AskInput<T>): Promise<AskResult<T>> {
  const endpoint = llmClient(deps.config)
  if (!endpoint) return { ok: false, reason: 'off', latencyMs: 0 }
  const started = Date.now()
  const record = (outcome: LlmOutcome, extra: { promptTokens?: number; completionTokens?: number; detail?: string } = {}) =>
    recordLlmCall(deps.db, {
      purpose: input.purpose,
      model: endpoint.model,
      conversationId: input.conversationId ?? null,
      outcome,
      latencyMs: Date.now() - started,
      ...extra,
    }).catch((err) => deps.log.warn({ err: String(err) }, 'llm: could not record a call'))

  const cap = deps.config.LLM_DAILY_TOKEN_CAP
  if (cap > 0 && (await tokensToday(deps.db, new Date())) >= cap) {
    await record('capped', { detail: `daily cap of ${cap} tokens reached` })
    return { ok: false, reason: 'capped', latencyMs: 0 }
  }
  const budget = input.deadline - Date.now()
  if (budget < MIN_CALL_MS) return { ok: false, reason: 'no_time', latencyMs: 0 }

  const messages = (await input.prompt.formatMessages(input.values)).map((m) => ({ role: roleOf(m), content: String(m.content) }))
  let content: string
  let usage: { prompt_tokens?: number; completion_tokens?: number } | undefined
  try {
    const res = await endpoint.client.chat.completions.create(
      {
        model: endpoint.model,
        messages: messages as never,
        temperature: 0,
        max_tokens: input.maxTokens ?? 400,
        response_format: { type: 'json_object' },
      },
      { timeout: budget, signal: AbortSignal.timeout(budget) },
    )
    content = res.choices[0]?.message?.content ?? ''
    usage = res.usage ?? undefined
  } catch (err) {
    const e = err as { name?: string; status?: number; message?: string }
    const timedOut = Date.now() - started >= budget - 5 || /timeout|abort/i.test(`${e.name} ${e.message}`)
    const detail = e.status ? `HTTP ${e.status}` : String(e.message ?? err).slice(0, 200)
    await record(timedOut ? 'timeout' : 'error', { detail })
    return { ok: false, reason: timedOut ? 'timeout' : 'error', latencyMs: Date.now() - started, detail }
  }
  const tokens = { promptTokens: usage?.prompt_tokens ?? 0, completionTokens: usage?.completion_tokens ?? 0 }
  let parsed: unknown
  try {
    parsed = await parser.parse(content)
  } catch {
    await record('invalid', { ...tokens, detail: 'not JSON' })
    return { ok: false, reason: 'invalid', latencyMs: Date.now() - started, detail: 'not JSON' }
  }
  const checked = input.schema.safeParse(parsed)
  if (!checked.success) {
    const detail = checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    await record('invalid', { ...tokens, detail })
    return { ok: false, reason: 'invalid', latencyMs: Date.now() - started, detail }
  }
  await record('ok', tokens)
  return { ok: true, value: checked.data, latencyMs: Date.now() - started, tokens: tokens.promptTokens + tokens.completionTokens }
}
