/**
 * Before anything is measured, each Kefu process answers messages whose wordings are never
 * measured (JIT, connection pool, the model's first passes), so the first load step of a
 * freshly started replica does not report its start-up as latency.
 */
import { randomUUID } from 'node:crypto'
import type { Visitor } from './visitors.ts'

/** One customer message, answered (the POST returns the bot's replies). */
export async function postMessage(base: string, v: Visitor, text: string): Promise<void> {
  const res = await fetch(`${base}/webchat/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${v.token}` },
    body: JSON.stringify({ id: randomUUID(), text }),
  })
  if (!res.ok) throw new Error(`message: ${res.status} ${await res.text()}`)
  await res.json()
}

/** `count` unmeasured messages to `base`, one at a time, over `visitors` (opened on that process). */
export async function warmUp(base: string, visitors: Visitor[], count = 50): Promise<void> {
  for (let i = 0; i < count; i++) await postMessage(base, visitors[i % visitors.length]!, `请问第${i + 1}个订单怎么查`)
}
