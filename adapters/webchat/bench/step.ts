/**
 * One load step: `rate` messages per second for `seconds`, spread over the visitors, sent
 * on an open-loop schedule (a slow server does not slow the senders down, so queueing
 * shows up in the latency instead of hiding). Latency = schedule time → reply pushed.
 */
import { randomUUID } from 'node:crypto'
import type { Acked } from './cluster.ts'
import type { Visitor } from './visitors.ts'

export interface StepResult {
  customers: number
  offered: number
  served: number
  sent: number
  answered: number
  errors: number
  p50Ms: number | null
  p99Ms: number | null
  /** Replies acknowledged in the POST response that never arrived on the visitor's stream. */
  unpushed?: number
  /** CPU per answered message over the step (bench/cpu.ts), where measured. */
  appMsPerMsg?: number
  dbMsPerMsg?: number | null
  msgPerCpuSecond?: number | null
  /** Where the tail is: for each half second of the schedule with replies over 100 ms, when (s from the step's start), how many, the slowest. */
  slow?: { at: number; count: number; maxMs: number }[]
}

const percentile = (xs: number[], p: number) => (xs.length ? xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : null)

/** `pick`: the server for each message (one, or a replica at random); `acked` collects what the servers acknowledged. */
export async function runStep(
  pick: () => string,
  visitors: Visitor[],
  rate: number,
  seconds: number,
  questions: string[],
  acked: Acked[] = [],
): Promise<StepResult> {
  const total = Math.round(rate * seconds)
  const start = performance.now()
  const pending: Promise<{ scheduled: number; replyIds: number[]; visitor: Visitor } | null>[] = []
  for (let i = 0; i < total; i++) {
    const scheduled = start + (i * 1000) / rate
    const wait = scheduled - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    const visitor = visitors[i % visitors.length]!
    const clientId = randomUUID()
    pending.push(
      send(pick(), visitor, clientId, questions[i % questions.length]!).then((ids) => {
        if (!ids) return null
        acked.push({ visitorId: visitor.visitorId, clientId, replies: ids.length })
        return { scheduled, replyIds: ids, visitor }
      }),
    )
  }
  const results = await Promise.all(pending)
  await new Promise((r) => setTimeout(r, 1000)) // let the last pushes arrive (across replicas: through Redis)
  const latencies: number[] = []
  const slow = new Map<number, { at: number; count: number; maxMs: number }>()
  let lastPush = start
  let unpushed = 0
  for (const r of results) {
    if (!r || r.replyIds.length === 0) continue
    const pushed = Math.max(...r.replyIds.map((id) => r.visitor.pushedAt.get(id) ?? Number.NaN))
    if (Number.isNaN(pushed)) {
      unpushed++
      continue
    }
    const ms = pushed - r.scheduled
    latencies.push(ms)
    if (ms > 100) {
      const at = Math.floor((r.scheduled - start) / 500) / 2
      const b = slow.get(at) ?? { at, count: 0, maxMs: 0 }
      slow.set(at, { at, count: b.count + 1, maxMs: Math.max(b.maxMs, Math.round(ms)) })
    }
    lastPush = Math.max(lastPush, pushed)
  }
  const elapsed = Math.max(seconds * 1000, lastPush - start) / 1000
  return {
    customers: visitors.length,
    offered: rate,
    served: Math.round(latencies.length / elapsed),
    sent: total,
    answered: latencies.length,
    errors: results.filter((r) => !r).length,
    unpushed,
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    slow: [...slow.values()],
  }
}

async function send(base: string, v: Visitor, id: string, text: string): Promise<number[] | null> {
  try {
    const res = await fetch(`${base}/webchat/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${v.token}` },
      body: JSON.stringify({ id, text }),
    })
    if (!res.ok) return null
    const body = (await res.json()) as { replies: { id: number }[] }
    return body.replies.map((r) => r.id)
  } catch {
    return null
  }
}

/** The echo ceiling on the same schedule: latency = schedule time → response received. */
export async function runEchoStep(base: string, customers: number, rate: number, seconds: number): Promise<StepResult> {
  const total = Math.round(rate * seconds)
  const start = performance.now()
  const pending: Promise<number | null>[] = []
  for (let i = 0; i < total; i++) {
    const scheduled = start + (i * 1000) / rate
    const wait = scheduled - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    pending.push(
      fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: i, text: '你好' }) })
        .then(async (r) => (r.ok ? (await r.json(), performance.now() - scheduled) : null))
        .catch(() => null),
    )
  }
  const lat = (await Promise.all(pending)).filter((x): x is number => x !== null)
  const elapsed = Math.max(seconds, (performance.now() - start) / 1000)
  return {
    customers,
    offered: rate,
    served: Math.round(lat.length / elapsed),
    sent: total,
    answered: lat.length,
    errors: total - lat.length,
    p50Ms: round(percentile(lat, 50)),
    p99Ms: round(percentile(lat, 99)),
  }
}

const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10)
