import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminModule } from '../../admin/module.ts'
import { consoleModule } from '../../admin/console/module.ts'
import { systemCtx } from '../../bot/context.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { handleInbound } from '../../bot/turn/handleInbound.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { serveForTest } from '../support/server.ts'
import { testRuntime } from '../support/services.ts'

/** Reads server-sent events from a streaming response, one parsed event at a time. */
function sseReader(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  // One read in flight at a time, kept across timeouts so no chunk is dropped.
  let pending: Promise<ReadableStreamReadResult<string>> | null = null
  const events: { event: string; data: any }[] = []
  return {
    /** Wait until an event matching `match` has arrived (or fail after `ms`). */
    async until(match: (e: { event: string; data: any }) => boolean, ms = 10_000) {
      const deadline = Date.now() + ms
      for (;;) {
        const found = events.find(match)
        if (found) return found
        const left = deadline - Date.now()
        if (left <= 0) throw new Error(`no matching event; saw ${JSON.stringify(events)}`)
        pending ??= reader.read()
        const chunk = await Promise.race([pending, new Promise<null>((r) => setTimeout(() => r(null), left))])
        if (!chunk) continue
        pending = null
        if (chunk.done) throw new Error('the stream ended')
        buffer += chunk.value
        let cut: number
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut)
          buffer = buffer.slice(cut + 2)
          const event = block.match(/^event: (.*)$/m)?.[1]
          const data = block.match(/^data: (.*)$/m)?.[1]
          if (event && data) events.push({ event, data: JSON.parse(data) })
        }
      }
    },
    close: () => reader.cancel(),
  }
}

describe('console live events across two server instances (PostgreSQL + Redis pub/sub)', () => {
  let web: Runtime // serves the agent's console
  let other: Runtime // another instance, where the customer's message lands
  let client: TestClient
  let agent: Awaited<ReturnType<TestClient['loginAs']>>

  beforeAll(async () => {
    web = await testRuntime('postgres', { redis: true })
    other = await testRuntime('postgres', { db: web.db, redis: true, config: { QUEUE_PREFIX: web.config.QUEUE_PREFIX } })
    client = testApp(web, [consoleModule, adminModule])
    agent = await client.loginAs('agent')
  })
  afterAll(async () => {
    await other?.close()
    await web?.close()
  })

  it('refuses the stream without a staff session', async () => {
    expect((await client.app.request('/api/v1/console/stream')).status).toBe(401)
  })

  it('tells the inbox when a customer on another instance asks for a person, then streams that conversation', async () => {
    const res = await client.app.request('/api/v1/console/stream', { headers: { cookie: agent.cookie } })
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const inbox = sseReader(res)
    await inbox.until((e) => e.event === 'ready')
    // Redis subscriptions settle asynchronously: wait until the other instance is heard at all.
    for (let heard = false; !heard; ) {
      await other.bus.publish('inbox', { type: 'ping' })
      heard = await inbox
        .until((e) => e.data.type === 'ping', 300)
        .then(
          () => true,
          () => false,
        )
    }

    const r = await handleInbound({ ctx: systemCtx(other), input: { channel: 'webchat', externalUserId: 'v1', channelMessageId: 'm1', text: '转人工' } })
    const status = await inbox.until((e) => e.event === 'inbox' && e.data.type === 'status')
    expect(status.data).toMatchObject({ conversationId: r.conversationId, status: 'waiting', assigneeId: null })
    await inbox.close()

    const conv = sseReader(await client.app.request(`/api/v1/console/stream?conversation=${r.conversationId}`, { headers: { cookie: agent.cookie } }))
    await conv.until((e) => e.event === 'ready' && e.data.conversationId === r.conversationId)
    await client.app.request(`/api/v1/console/conversations/${r.conversationId}/accept`, { method: 'POST', headers: agent.headers })
    const joined = await conv.until((e) => e.event === 'conversation' && e.data.type === 'status')
    expect(joined.data).toMatchObject({ status: 'agent' })
    await handleInbound({
      ctx: systemCtx(other),
      input: { channel: 'webchat', externalUserId: 'v1', channelMessageId: 'm2', text: '<img src=x onerror=alert(1)>' },
    })
    const said = await conv.until((e) => e.event === 'conversation' && e.data.message?.senderType === 'customer' && e.data.message.text.startsWith('<img'))
    expect(said.data.message.conversationId).toBe(r.conversationId)
    await conv.close()
  })
})

describe('an open console stream and shutdown', () => {
  it('does not hold up a graceful stop: the stream is cut and the browser reconnects elsewhere', async () => {
    const rt = await testRuntime('postgres')
    const agent = await testApp(rt, [consoleModule, adminModule]).loginAs('agent')
    const server = await serveForTest(rt, [consoleModule, adminModule])
    const res = await fetch(`${server.url}/api/v1/console/stream`, { headers: { cookie: agent.cookie, accept: 'text/event-stream' } })
    await sseReader(res).until((e) => e.event === 'ready')
    const started = Date.now()
    await server.stop() // closes the runtime too
    expect(Date.now() - started).toBeLessThan(3000)
  })
})
