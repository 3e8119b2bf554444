/** The llm_calls table: one row per model call, and the day's token count the cap is checked against. */
import type { Db } from '../db/client.ts'

export type LlmPurpose = 'judge' | 'rewrite' | 'summary' | 'suggest' | 'extract' | 'health'
export type LlmOutcome = 'ok' | 'timeout' | 'error' | 'invalid' | 'capped'

export interface LlmCallRecord {
  purpose: LlmPurpose
  model: string
  conversationId?: number | null
  outcome: LlmOutcome
  promptTokens?: number
  completionTokens?: number
  latencyMs: number
  detail?: string | null
}

export async function recordLlmCall(db: Db, r: LlmCallRecord): Promise<void> {
  await db.query(
    `insert into llm_calls (purpose, model, conversation_id, outcome, prompt_tokens, completion_tokens, latency_ms, detail)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      r.purpose,
      r.model,
      r.conversationId ?? null,
      r.outcome,
      r.promptTokens ?? 0,
      r.completionTokens ?? 0,
      Math.round(r.latencyMs),
      r.detail?.slice(0, 500) ?? null,
    ],
  )
}

/** Tokens spent since midnight UTC. */
export async function tokensToday(db: Db, now: Date): Promise<number> {
  const r = await db.query<{ n: string | number }>(
    `select coalesce(sum(prompt_tokens + completion_tokens), 0) as n from llm_calls where created_at >= date_trunc('day', $1::timestamptz at time zone 'UTC') at time zone 'UTC'`,
    [now],
  )
  return Number(r.rows[0]?.n ?? 0)
}
