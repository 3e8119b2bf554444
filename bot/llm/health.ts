/**
 * `kefu llm`: is the configured model endpoint usable for what Kefu asks of it? Three
 * things, each a real call: the endpoint lists its models (the key is accepted, and the
 * model is one of them — servers without GET /models are not held against it), the model
 * answers a small question in JSON mode the way askModel asks every question, and it does
 * so inside the customer path's budget (LLM_TIMEOUT_MS; WeChat's is shorter). The chat
 * call is recorded in llm_calls like every other (purpose 'health').
 */
import { z } from 'zod'
import { ChatPromptTemplate } from '@langchain/core/prompts'
import type { Config } from '../config.ts'
import type { Db } from '../db/client.ts'
import { askModel } from './ask.ts'
import { llmClient } from './client.ts'

export interface LlmHealth {
  configured: boolean
  healthy: boolean | null
  /** The endpoint's host (never its key) and the model asked. */
  endpoint: string | null
  model: string | null
  /** Whether GET /models names the model; null when the server does not list models. */
  listed: boolean | null
  latencyMs: number | null
  /** Answered, but slower than the customer path waits: it would time out there and the curated path would answer. */
  slow: boolean
  detail: string
}

const HEALTH_PROMPT = ChatPromptTemplate.fromMessages([
  ['system', 'You are checked by a health probe. Reply with one JSON object only: {{"ok": true, "sum": <the sum of the two numbers>}}'],
  ['human', '{a} + {b}'],
])
const answerSchema = z.object({ ok: z.literal(true), sum: z.coerce.number() })
/** The probe's own deadline: long enough to see how slow a slow model is. */
const PROBE_MS = 15_000

async function listed(config: Config): Promise<{ listed: boolean | null; problem: string | null }> {
  const endpoint = llmClient(config)!
  try {
    const page = await endpoint.client.models.list({ timeout: PROBE_MS })
    return { listed: page.data.some((m) => m.id === endpoint.model), problem: null }
  } catch (err) {
    const status = (err as { status?: number }).status
    if (status === 401 || status === 403) return { listed: null, problem: `the endpoint refused the key (HTTP ${status}); check LLM_API_KEY` }
    // Many local servers (and some gateways) do not implement GET /models: the chat call decides.
    return { listed: null, problem: null }
  }
}

export async function checkLlm(config: Config, db: Db, log: { warn(obj: object, msg: string): void }): Promise<LlmHealth> {
  const endpoint = llmClient(config)
  if (!endpoint) {
    return {
      configured: false,
      healthy: null,
      endpoint: null,
      model: null,
      listed: null,
      latencyMs: null,
      slow: false,
      detail: 'no model configured: set LLM_BASE_URL and LLM_MODEL (README, "Point Kefu at a model")',
    }
  }
  const base = { configured: true, endpoint: new URL(config.LLM_BASE_URL!).host, model: endpoint.model }
  const models = await listed(config)
  if (models.problem) return { ...base, healthy: false, listed: null, latencyMs: null, slow: false, detail: models.problem }
  const a = 17
  const b = 25
  const res = await askModel(
    { config, db, log },
    { purpose: 'health', prompt: HEALTH_PROMPT, values: { a: String(a), b: String(b) }, schema: answerSchema, deadline: Date.now() + PROBE_MS, maxTokens: 30 },
  )
  const notListed = models.listed === false ? `; GET /models does not list "${endpoint.model}"` : ''
  if (!res.ok) {
    const why =
      res.reason === 'capped'
        ? `today's LLM_DAILY_TOKEN_CAP (${config.LLM_DAILY_TOKEN_CAP}) is spent; the model is asked again after midnight UTC`
        : res.reason === 'timeout'
          ? `no answer within ${PROBE_MS} ms`
          : res.reason === 'invalid'
            ? `answered, but not the JSON asked for (${res.detail}); Kefu needs a model that follows JSON instructions`
            : `the chat call failed (${res.detail ?? res.reason})`
    return { ...base, healthy: false, listed: models.listed, latencyMs: res.latencyMs || null, slow: false, detail: `${why}${notListed}` }
  }
  const budget = config.LLM_TIMEOUT_MS
  const slow = res.latencyMs > budget
  const right = res.value.sum === a + b ? '' : ` (it said ${a} + ${b} = ${res.value.sum}: a weak model for judging answers)`
  const detail = slow
    ? `answered in ${res.latencyMs} ms, more than LLM_TIMEOUT_MS (${budget} ms): on the customer path it would time out and the curated answer would go out${notListed}`
    : `answered in ${res.latencyMs} ms (${res.tokens} tokens) within LLM_TIMEOUT_MS (${budget} ms)${right}${notListed}`
  return { ...base, healthy: !slow && models.listed !== false, listed: models.listed, latencyMs: res.latencyMs, slow, detail }
}
