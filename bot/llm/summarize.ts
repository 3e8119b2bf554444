/**
 * The model-written hand-off summary: a job queued with the hand-off (never inside the
 * customer's turn, which must not wait for a model) asks what the customer wants, what was
 * tried and the numbers and addresses they gave; stores it with the real values back in
 * (staff read it); and tells an open console to re-read the conversation. No model, assist
 * off, a timeout or a bad answer: nothing is stored and the rules' summary stands alone.
 */
import { z } from 'zod'
import type { Ctx } from '../context.ts'
import { enqueueJob, MODEL_SUMMARY_JOB } from '../conversations/jobs.ts'
import { readConversation } from '../conversations/store.ts'
import type { Db } from '../db/client.ts'
import { askModel } from './ask.ts'
import { assistFor, conversationLines, customerWords, foundValue, languageName } from './assist.ts'
import { SUMMARY_PROMPT } from './assistPrompts.ts'
import { llmClient } from './client.ts'

export interface ModelSummary {
  wants: string
  tried: string
  found: { orders: string[]; phones: string[]; addresses: string[] }
}

const list = z.array(z.string().max(200)).max(10).default([])
const summarySchema = z.object({ wants: z.string().min(1).max(600), tried: z.string().max(600).default(''), orders: list, phones: list, addresses: list })

/** Called inside the hand-off's transaction: the job exists exactly when the hand-off commits. */
export async function queueModelSummary(ctx: Pick<Ctx, 'config' | 'jobs'>, tx: Db, conversationId: number, queuedAt: Date): Promise<void> {
  if (!ctx.config.llm) return
  await enqueueJob(ctx.jobs, MODEL_SUMMARY_JOB, { conversationId, queuedAt: queuedAt.toISOString() }, { db: tx, maxAttempts: 1 })
}

export async function writeModelSummary(ctx: Ctx, conversationId: number, queuedAt: Date): Promise<ModelSummary | null> {
  const assist = await assistFor(ctx)
  const conv = await readConversation(ctx.db, conversationId)
  if (!assist || !conv) return null
  const { masker } = assist
  const lines = await conversationLines(ctx.db, conversationId, masker, { limit: 30 })
  if (!lines.some((l) => l.startsWith('customer:'))) return null
  const res = await askModel(assist.deps, {
    purpose: 'summary',
    prompt: SUMMARY_PROMPT,
    values: { language: languageName(conv.language), conversation: lines.join('\n') },
    schema: summarySchema,
    deadline: assist.deadline,
    conversationId,
    maxTokens: 500,
  })
  if (!res.ok) return null
  const written = await customerWords(ctx.db, conversationId)
  const keep = (xs: string[]) => [...new Set(xs.map((x) => foundValue(masker, x, written)).filter((x): x is string => !!x))]
  const v = res.value
  const summary: ModelSummary = {
    wants: masker.restore(v.wants.trim()),
    tried: masker.restore(v.tried.trim()),
    found: { orders: keep(v.orders), phones: keep(v.phones), addresses: keep(v.addresses) },
  }
  await ctx.db.query(
    `insert into handoff_model_summaries (conversation_id, queued_at, summary, model) values ($1, $2, $3, $4)
     on conflict (conversation_id, queued_at) do update set summary = excluded.summary, model = excluded.model, created_at = now()`,
    [conversationId, queuedAt, JSON.stringify(summary), llmClient(ctx.config)?.model ?? ''],
  )
  await ctx.bus.publish(`conversation:${conversationId}`, { type: 'assist', conversationId })
  return summary
}

/** The summary of the conversation's latest hand-off, if the model wrote one. */
export async function latestModelSummary(db: Db, conversationId: number): Promise<(ModelSummary & { model: string; at: Date }) | null> {
  const r = await db.query<{ summary: ModelSummary; model: string; created_at: Date }>(
    'select summary, model, created_at from handoff_model_summaries where conversation_id = $1 order by queued_at desc limit 1',
    [conversationId],
  )
  const row = r.rows[0]
  return row ? { ...row.summary, model: row.model, at: row.created_at } : null
}
