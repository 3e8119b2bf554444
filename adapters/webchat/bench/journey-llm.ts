/**
 * The journey bench's `--llm` side: which model endpoint to start Kefu with, what the model
 * did to each reply (read back from the run's own database once Kefu has stopped), and an
 * unsupported-claim check of composed replies that is deliberately NOT bot/llm/grounding.ts:
 * a bench that graded the product with the product's own checker would only ever agree with
 * it. This one is stricter and simpler — every digit run, link, e-mail address, Chinese
 * numeral and policy word in the reply must appear verbatim in a cited entry's answer (as
 * the bench's KB file has it, not as the database does), after half-width normalisation.
 */
import type { Db } from '../../../bot/db/client.ts'
import type { BenchEntry } from '../../../knowledge/bench/dataset.ts'
import { type Did, type JourneyMessage, verdict } from './journey-score.ts'

/** The model endpoint from the environment, as Kefu reads it; `timeoutMs` from --llm-timeout. */
export function llmEnv(env: NodeJS.ProcessEnv, timeoutMs?: string): Record<string, string> {
  const missing = (['LLM_BASE_URL', 'LLM_MODEL'] as const).filter((k) => !env[k]?.trim())
  if (missing.length)
    throw new Error(
      `--llm needs a model endpoint: set ${missing.join(' and ')} (and LLM_API_KEY if the endpoint wants one), e.g. LLM_BASE_URL=http://127.0.0.1:8000/v1 LLM_MODEL=qwen2.5:7b LLM_API_KEY=sk-… npm run bench:journey -- --llm`,
    )
  if (timeoutMs !== undefined && !/^\d+$/.test(timeoutMs)) throw new Error(`--llm-timeout takes milliseconds (a whole number), not "${timeoutMs}"`)
  return {
    LLM_BASE_URL: env.LLM_BASE_URL!.trim(),
    LLM_MODEL: env.LLM_MODEL!.trim(),
    ...(env.LLM_API_KEY ? { LLM_API_KEY: env.LLM_API_KEY } : {}),
    ...(timeoutMs !== undefined ? { LLM_TIMEOUT_MS: timeoutMs } : env.LLM_TIMEOUT_MS ? { LLM_TIMEOUT_MS: env.LLM_TIMEOUT_MS } : {}),
  }
}

export interface Generated {
  mode: 'verified' | 'composed'
  entries: string[]
}

/** parts.generated of the stored replies, by message id (the id the web chat's API returned). */
export async function generatedOf(db: Db, replyIds: number[]): Promise<Map<number, Generated>> {
  const r = await db.query<{ id: string | number; generated: Generated }>(
    `select id, parts->'generated' as generated from messages where id = any($1::bigint[]) and parts ? 'generated'`,
    [replyIds],
  )
  return new Map(r.rows.map((row) => [Number(row.id), row.generated]))
}

export interface ModelUsage {
  calls: number
  promptTokens: number
  completionTokens: number
  /** Calls by purpose and outcome, e.g. "judge ok": 40, "judge timeout": 2. */
  byOutcome: Record<string, number>
}

/** What the model run spent, from the audit table every model call is written to. */
export async function usageOf(db: Db): Promise<ModelUsage> {
  const r = await db.query<{ purpose: string; outcome: string; n: number; p: number; c: number }>(
    `select purpose, outcome, count(*)::int as n, coalesce(sum(prompt_tokens), 0)::int as p, coalesce(sum(completion_tokens), 0)::int as c
       from llm_calls group by purpose, outcome order by purpose, outcome`,
  )
  return {
    calls: r.rows.reduce((s, x) => s + x.n, 0),
    promptTokens: r.rows.reduce((s, x) => s + x.p, 0),
    completionTokens: r.rows.reduce((s, x) => s + x.c, 0),
    byOutcome: Object.fromEntries(r.rows.map((x) => [`${x.purpose} ${x.outcome}`, x.n])),
  }
}

// Full-width digits, letters and signs (１２３、％、：) become their ASCII forms.
const half = (s: string) => s.normalize('NFKC')
const DIGITS = /\d+(?:[.:：]\d+)*/g
const LINK = /(?:https?:\/\/|www\.)[^\s<>"'()（）[\]【】，。、；！？]+/gi
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g
// A Chinese numeral run counts as a figure; a lone 一 is too often a word (一下, 一个) to be one.
const CN_NUMERAL = /[零〇一二两三四五六七八九十百千万亿半]{2,}|[零〇二两三四五六七八九十百千万亿]/g
const NOT_FIGURES = /十分|万一|千万|百分之/g
// Words that promise something: a composed reply may only repeat them from an entry.
const POLICY = [
  '免费',
  '包邮',
  '全额',
  '退款',
  '退货',
  '换货',
  '赔偿',
  '赔付',
  '补偿',
  '理赔',
  '保价',
  '无理由',
  '保证',
  '承诺',
  '免收',
  '不收',
  '加急',
  '上门',
  '当天',
  '次日',
  '隔日',
  '工作日',
  '节假日',
  '24小时',
  'free',
  'refund',
  'compensat',
  'guarantee',
  'warranty',
  'insur',
  'no charge',
  'waive',
  'same day',
  'same-day',
  'next day',
  'next-day',
  'business day',
  'working day',
]

const trimLink = (l: string) => l.replace(/[.,;:!?]+$/, '').toLowerCase()

/** What a composed reply says that none of the answers it cites says verbatim. */
export function unsupportedClaims(reply: string, citedAnswers: string[]): string[] {
  const said = half(reply)
  const source = half(citedAnswers.join('\n'))
  const lower = source.toLowerCase()
  const runs = new Set(source.match(DIGITS) ?? [])
  const out = [
    ...(said.match(DIGITS) ?? []).filter((d) => !runs.has(d)),
    ...(said.match(LINK) ?? []).map(trimLink).filter((l) => !lower.includes(l)),
    ...(said.match(EMAIL) ?? []).filter((e) => !lower.includes(e.toLowerCase())),
    ...(said.replace(NOT_FIGURES, ' ').match(CN_NUMERAL) ?? []).filter((n) => !source.includes(n)),
    ...POLICY.filter((w) => said.toLowerCase().includes(w) && !lower.includes(w)),
  ]
  return [...new Set(out)]
}

export interface LlmResult {
  m: JourneyMessage
  did: Did
  ms: number
  /** The answer reply's text and what the model did to it, where it did. */
  generated?: Generated & { text: string; unsupported: string[] }
}

/** The answer reply of a turn, told apart as the model verified or composed it; composed ones are checked for claims. */
export function withGenerated(
  kb: BenchEntry[],
  did: Did,
  answer: { text: string } | undefined,
  g: Generated | undefined,
): Pick<LlmResult, 'did' | 'generated'> {
  if (!g || !answer || did.kind !== 'answer') return { did }
  if (g.mode === 'verified') return { did, generated: { ...g, text: answer.text, unsupported: [] } }
  const byId = new Map(kb.map((e) => [e.id, e.answer ?? '']))
  const cited = g.entries.filter((id) => byId.has(id))
  // A composed reply is known by the entries it cites, not by its words (no entry's answer is them).
  const unsupported = unsupportedClaims(
    answer.text,
    cited.map((id) => byId.get(id)!),
  )
  return { did: { kind: 'answer', entry: cited[0] ?? null, cited }, generated: { ...g, text: answer.text, unsupported } }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0)
}

/** One row of the model comparison: the run without the model and the run with it report the same columns. */
export function llmSummary(name: string, results: LlmResult[], usage?: ModelUsage) {
  const answerable = results.filter((r) => r.m.expect.kind === 'answer')
  const v = (r: LlmResult) => verdict(r.m.expect, r.did)
  const composed = results.filter((r) => r.generated?.mode === 'composed')
  return {
    system: name,
    answerable: answerable.length,
    right: answerable.filter((r) => v(r) === 'right').length,
    wrong: answerable.filter((r) => v(r) === 'wrong-answer').length,
    // clarify, fallback, handoff offer (or anything else but an answer) where an answer was expected
    abstained: answerable.filter((r) => !['right', 'wrong-answer'].includes(v(r))).length,
    answeredWhereNone: results.filter((r) => r.m.expect.kind !== 'answer' && v(r) === 'wrong-answer').length,
    modelVerified: results.filter((r) => r.generated?.mode === 'verified').length,
    modelComposed: composed.length,
    unsupportedClaims: composed.filter((r) => r.generated!.unsupported.length > 0).length,
    p50Ms: pct(
      results.map((r) => r.ms),
      50,
    ),
    p95Ms: pct(
      results.map((r) => r.ms),
      95,
    ),
    modelCalls: usage?.calls ?? 0,
    promptTokens: usage?.promptTokens ?? 0,
    completionTokens: usage?.completionTokens ?? 0,
  }
}
