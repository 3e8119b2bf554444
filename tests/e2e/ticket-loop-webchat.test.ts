// The tickets issue's "done when", end to end over HTTP on a real server: a customer on the
// web chat's own API (session, POST messages, replies read from the SSE stream) complains,
// the bot opens a ticket in the chat, staff work it through the ticket API with their
// session, the 回访 survey arrives on the stream, 不满意 reopens it to its owner, a second
// resolution and 满意 close it; the customer checks the status from the chat at each step.
// Real database and job runner (PostgreSQL + BullMQ, PGlite + in-process), a manual clock.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminModule } from '../../admin/module.ts'
import { webchatModule } from '../../adapters/webchat/module.ts'
import type { WidgetMessage } from '../../adapters/webchat/outbound.ts'
import { ManualClock } from '../../bot/clock.ts'
import { systemCtx } from '../../bot/context.ts'
import { conversationsModule } from '../../bot/conversations/module.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { createUser } from '../../bot/staff/createUser.ts'
import { ticketsModule } from '../../bot/tickets/module.ts'
import { TICKET_NUMBER } from '../../bot/tickets/types.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { sseReader } from '../integration/webchatClient.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime, type DbKind } from '../support/services.ts'

/** A web chat visitor over real HTTP: what the widget does, and what it hears on its event stream. */
function webchatVisitor(base: string) {
  let token = ''
  let stream: ReturnType<typeof sseReader> | null = null
  let lastId = 0
  const headers = () => ({ 'content-type': 'application/json', 'accept-language': 'zh-CN', authorization: `Bearer ${token}` })
  async function follow() {
    const res = await fetch(`${base}/webchat/api/stream?token=${encodeURIComponent(token)}&after=${lastId}`)
    expect(res.status).toBe(200)
    stream = sseReader(res)
    expect(await stream.next()).toMatchObject({ event: 'ready' })
  }
  return {
    async start() {
      const res = await fetch(`${base}/webchat/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
      token = ((await res.json()) as { token: string }).token
    },
    /** POST a message (a button press carries its payload); the replies also come on the stream. */
    async say(text: string, payload?: string): Promise<WidgetMessage[]> {
      const res = await fetch(`${base}/webchat/api/messages`, { method: 'POST', headers: headers(), body: JSON.stringify({ id: randomUUID(), text, payload }) })
      expect(res.status).toBe(200)
      const body = (await res.json()) as { replies: WidgetMessage[] }
      if (!stream) await follow() // the stream follows a conversation: open it once there is one
      return body.replies
    },
    /** The next message to the customer on the stream that matches (earlier ones are passed over). */
    async receive(match: RegExp, timeoutMs = 10_000): Promise<WidgetMessage> {
      const until = Date.now() + timeoutMs
      while (Date.now() < until) {
        if (!stream || stream.ended) await follow()
        const e = await stream!.next({ timeoutMs: until - Date.now() })
        if (e?.event !== 'message') continue
        const m = e.data as WidgetMessage
        lastId = Math.max(lastId, m.id)
        if (m.from !== 'customer' && match.test(m.text)) return m
      }
      throw new Error(`the web chat customer never received ${match}`)
    },
    close: () => stream?.close(),
  }
}

/** A staff member logged in through /login: their session cookie and CSRF token on every call. */
async function staffSession(base: string, username: string, password: string) {
  const res = await fetch(`${base}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })
  expect(res.status).toBe(200)
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!
  const { csrfToken } = (await res.json()) as { csrfToken: string }
  return async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const json = (await r.json()) as any
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`)
    return json
  }
}

describe.each([
  { kind: 'postgres' as DbKind, redis: true },
  { kind: 'pglite' as DbKind, redis: false },
])('the ticket loop through the web chat API on $kind (redis=$redis)', ({ kind, redis }) => {
  let rt: Runtime
  let clock: ManualClock
  let server: { url: string; stop(): Promise<void> }
  const ids: Record<string, number> = {}

  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-11-23T03:00:00Z')) // Monday 11:00 in Shanghai
    // This customer is a script answering at machine speed (11 messages in well under a
    // second), not a person: the web chat's rate limits have their own tests (webchat-limits).
    rt = await testRuntime(kind, { clock, redis, config: { WEBCHAT_LIMIT_MESSAGES_PER_VISITOR: 'off' } })
    const modules = [knowledgeModule, conversationsModule, ticketsModule, webchatModule, adminModule]
    for (const m of modules) await m.prepare?.(rt)
    await rt.jobs.start()
    for (const [username, role] of [
      ['wang', 'agent'],
      ['li', 'agent'],
      ['zhao', 'supervisor'],
    ] as const) {
      ids[username] = Number(
        (await createUser({ ctx: systemCtx(rt), input: { username, displayName: username, role, password: `${username}-password-1` } })).id,
      )
    }
    server = await serveForTest(rt, modules)
  })
  afterAll(async () => {
    await server?.stop()
  })

  /** The survey is a job 60 s after "resolved": move the clock and let the runner send it. */
  async function surveyDelayPasses() {
    clock.advance(61_000)
    await rt.jobs.drain()
  }

  it('complaint → ticket in the chat → resolved → 不满意 reopens to its owner → resolved → 满意 closes, status checked from the chat at each step', async () => {
    const base = server.url
    const customer = webchatVisitor(base)
    await customer.start()
    const wang = await staffSession(base, 'wang', 'wang-password-1')
    const li = await staffSession(base, 'li', 'li-password-1')
    const zhao = await staffSession(base, 'zhao', 'zhao-password-1')
    /** "查询工单" or the number, answered on the stream; returns the status text. */
    const checkStatus = async (ask: string, number: string, status: string) => {
      const replies = await customer.say(ask)
      const seen = await customer.receive(new RegExp(`工单 ${number}（`))
      expect(seen.text).toContain(`当前状态：${status}`)
      expect(replies.map((r) => r.text)).toContain(seen.text)
      return seen.text
    }

    // The complaint: no dead end — a person or a ticket is offered.
    await customer.say('你们的安装师傅态度太差了，我要投诉！！！')
    const offer = await customer.receive(/工单|人工/)
    const ticketButton = offer.buttons.find((b) => b.label === '登记工单')!
    expect(ticketButton).toBeTruthy()
    await customer.say(ticketButton.label, ticketButton.payload)
    await customer.receive(/发生了什么/) // a complaint asks only what happened
    await customer.say('师傅迟到了两个小时，还对我很不耐烦。')
    const created = await customer.receive(/已为您登记工单/)
    const number = created.text.match(TICKET_NUMBER)![0]
    await checkStatus('查询工单', number, '已登记，待受理')

    // 首问负责: wang takes it and becomes its owner; the supervisor moves the work to li, who resolves it.
    await wang('POST', `/api/v1/tickets/${number}/assign`, { assigneeId: ids.wang })
    await wang('POST', `/api/v1/tickets/${number}/status`, { to: 'open' })
    await customer.receive(new RegExp(`${number} 已由专人受理`))
    await checkStatus('我的工单', number, '处理中')
    await zhao('POST', `/api/v1/tickets/${number}/assign`, { assigneeId: ids.li })
    await li('POST', `/api/v1/tickets/${number}/replies`, { text: '您好，我们已联系安装师傅核实情况。' })
    await customer.receive(/已联系安装师傅核实情况/)
    await li('POST', `/api/v1/tickets/${number}/status`, {
      to: 'resolved',
      note: '已向您致歉并对师傅做了处理。',
      rootCause: '师傅当天排单过满；已限制每日单量。',
    })
    await customer.receive(new RegExp(`${number} 已处理完毕`))
    await checkStatus(number, number, '已解决，待回访')

    // The 回访 arrives on the stream; 不满意 reopens it to its owner.
    await surveyDelayPasses()
    const survey = await customer.receive(new RegExp(`工单 ${number} 的回访`))
    expect(survey.buttons.map((b) => b.label)).toEqual(['满意', '基本满意', '不满意', '问题还没解决'])
    const no = survey.buttons.find((b) => b.label === '不满意')!
    await customer.say(no.label, no.payload)
    await customer.receive(new RegExp(`${number} 已重新打开`))
    await checkStatus(`${number} 怎么样了`, number, '已重新打开，处理中')
    const reopened = await wang('GET', `/api/v1/tickets/${number}`)
    expect(reopened.ticket).toMatchObject({ status: 'reopened', ownerId: ids.wang, assigneeId: ids.wang, outcome: 'dissatisfied', reopenCount: 1 })
    const pinged = await wang('GET', '/api/v1/notifications')
    expect(pinged.notifications.map((n: any) => [n.kind, n.ticketNumber])).toContainEqual(['ticket_reopened', number])

    // The owner resolves it again; this time the customer types 满意 and it closes.
    await wang('POST', `/api/v1/tickets/${number}/status`, { to: 'resolved', note: '已更换安装师傅重新上门。' })
    await customer.receive(new RegExp(`${number} 已处理完毕`))
    await checkStatus('查询工单', number, '已解决，待回访')
    await surveyDelayPasses()
    await customer.receive(new RegExp(`工单 ${number} 的回访`))
    await customer.say('满意')
    await customer.receive(new RegExp(`工单 ${number} 已结案`))
    await checkStatus(number, number, '已结案')

    const closed = await zhao('GET', `/api/v1/tickets/${number}`)
    expect(closed.ticket).toMatchObject({ status: 'closed', closeReason: 'satisfied' })
    expect(closed.surveys.map((s: any) => [s.round, s.level])).toEqual([
      [1, 'dissatisfied'],
      [2, 'satisfied'],
    ])
    expect(closed.events.filter((e: any) => e.kind === 'status').map((e: any) => e.to)).toEqual(['open', 'resolved', 'reopened', 'resolved', 'closed'])
    await customer.close()
  })
})
