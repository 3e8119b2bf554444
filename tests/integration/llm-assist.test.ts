// Agent assist against the OpenAI-compatible stand-in and a real PostgreSQL: the model's
// hand-off summary written by a job after the hand-off (masked data never sent, real values
// shown to the agent), suggested replies whose citations and facts are checked in code, and
// ticket fields read from free text. A hung or failing model leaves the console as it was.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { consoleModule } from '../../admin/console/module.ts'
import { ManualClock } from '../../bot/clock.ts'
import { systemCtx } from '../../bot/context.ts'
import { defineConversationJobs } from '../../bot/conversations/module.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { setSetting } from '../../bot/settings.ts'
import { handleInbound } from '../../bot/turn/handleInbound.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { type ChatRequest, type FakeChatModel, startFakeChatModel } from '../support/fake-chat-model.ts'
import { seedKnowledge } from '../support/knowledge.ts'
import { testRuntime } from '../support/services.ts'

const ORDER = '2026112300001234'
const PHONE = '13912345678'
const ADDRESS = '上海市浦东新区张江路88号3栋501室'

const purposeOf = (req: ChatRequest) => {
  const system = req.messages[0]!.content
  return /brief a customer-service agent/.test(system)
    ? 'summary'
    : /suggest replies/.test(system)
      ? 'suggest'
      : /support ticket/.test(system)
        ? 'extract'
        : 'other'
}
const placeholders = (req: ChatRequest, kind: string) => [...new Set(req.text.match(new RegExp(`\\[${kind}_\\d+\\]`, 'g')) ?? [])]
/** The short id the suggest prompt gave an entry, found by its question. */
const shortIdOf = (req: ChatRequest, question: string) => req.text.match(new RegExp(`\\[(E\\d+)\\] Q: ${question}\\n`))?.[1]

describe('agent assist with a model (postgres)', () => {
  let rt: Runtime & { close(): Promise<void> }
  let model: FakeChatModel
  let client: TestClient
  let agent: Awaited<ReturnType<TestClient['loginAs']>>
  let n = 0
  const get = async (path: string) => {
    const res = await client.app.request(path, { headers: agent.headers })
    expect(res.status).toBe(200)
    return (await res.json()) as any
  }
  const conv = (id: number) => `/api/v1/console/conversations/${id}`
  /** A customer gives their order, phone and address and asks for a person; the hand-off's jobs run. */
  const handedOver = async () => {
    const v = `assist-${++n}`
    const say = (text: string, i: number) =>
      handleInbound({ ctx: systemCtx(rt), input: { channel: 'webchat', externalUserId: v, channelMessageId: `${v}-${i}`, text } })
    await say('我买的洗衣机，快递三天没动了', 1)
    const r = await say(`转人工。订单号 ${ORDER}，电话 ${PHONE}，地址 ${ADDRESS}`, 2)
    await rt.jobs.drain()
    return r.conversationId
  }
  const calls = async () => (await rt.db.query<any>('select purpose, outcome, conversation_id from llm_calls order by id')).rows

  beforeAll(async () => {
    model = await startFakeChatModel()
    const clock = new ManualClock(new Date('2026-11-24T03:00:00Z')) // 11:00 in Shanghai: office hours, people take chats
    rt = await testRuntime('postgres', {
      clock,
      config: { LLM_BASE_URL: model.baseURL, LLM_MODEL: model.model, LLM_TIMEOUT_MS: '500', LLM_ASSIST_TIMEOUT_MS: '1000' },
    })
    await seedKnowledge(rt)
    await defineConversationJobs(rt)
    await rt.jobs.start()
    client = testApp(rt, [consoleModule])
    agent = await client.loginAs('agent')
  }, 120_000)
  afterAll(async () => {
    await rt?.close()
    await model?.close()
  })
  beforeEach(async () => {
    model.requests.length = 0
    await rt.db.query('delete from llm_calls')
  })

  it('writes the hand-off summary in a job: masked data never reaches the model, the agent reads the real values', async () => {
    model.respond = (req) =>
      purposeOf(req) === 'summary'
        ? {
            content: {
              wants: `客户的订单 ${placeholders(req, 'ORDER')[0]} 物流三天未更新，洗衣机需要报修。`,
              tried: '机器人介绍了查物流的方法。',
              orders: placeholders(req, 'ORDER'),
              phones: placeholders(req, 'PHONE'),
              // A number the customer never wrote: dropped, not shown to the agent.
              addresses: [...placeholders(req, 'ADDRESS'), '北京市朝阳区建国路1号'],
            },
          }
        : { content: {} }
    const id = await handedOver()
    const summaries = model.requests.filter((r) => purposeOf(r) === 'summary')
    expect(summaries).toHaveLength(1)
    for (const r of model.requests) {
      expect(r.text).not.toContain(ORDER)
      expect(r.text).not.toContain(PHONE)
      expect(r.text).not.toContain('张江路88号')
    }
    expect(summaries[0]!.text).toMatch(/\[ORDER_1\][\s\S]*\[PHONE_1\]/)
    const detail = await get(conv(id))
    expect(detail.conversation.status).toBe('waiting')
    expect(detail.handoff.summary.found.orders).toContain(ORDER) // the rules' summary is still there
    expect(detail.handoff.model).toMatchObject({
      wants: `客户的订单 ${ORDER} 物流三天未更新，洗衣机需要报修。`,
      found: { orders: [ORDER], phones: [PHONE], addresses: [ADDRESS] },
      model: model.model,
    })
    expect(await calls()).toEqual(expect.arrayContaining([{ purpose: 'summary', outcome: 'ok', conversation_id: id }]))
  })

  it('leaves no model summary when the model hangs or errors, audits the call, and the console still works', async () => {
    for (const [reply, outcome] of [
      [{ hang: true }, 'timeout'],
      [{ status: 500 }, 'error'],
    ] as const) {
      await rt.db.query('delete from llm_calls')
      model.respond = () => reply
      const started = Date.now()
      const id = await handedOver()
      expect(Date.now() - started).toBeLessThan(5000)
      const detail = await get(conv(id))
      expect(detail.handoff.model).toBeNull()
      expect(detail.handoff.summary.found.orders).toContain(ORDER)
      expect((await calls()).filter((c) => c.purpose === 'summary')).toEqual([{ purpose: 'summary', outcome, conversation_id: id }])
      // Suggestions fall back to the curated answers, ticket fields to none.
      const { suggestions } = await get(`${conv(id)}/suggestions`)
      expect(suggestions.length).toBeGreaterThan(0)
      expect(suggestions.every((s: any) => s.source === 'curated')).toBe(true)
      expect((await get(`${conv(id)}/ticket-fields`)).fields).toEqual({})
    }
  }, 30_000)

  it('keeps suggested replies that cite a shown entry and say only what it says; drops the rest', async () => {
    model.respond = () => ({ content: {} }) // no summary for this one
    const id = await handedOver()
    const logistics = (await rt.db.query<{ answer: string }>(`select answer from kb_entries where question = '怎么查物流'`)).rows[0]!.answer
    model.respond = (req) => {
      if (purposeOf(req) !== 'suggest') return { content: {} }
      const e = shortIdOf(req, '怎么查物流')!
      return {
        content: {
          replies: [
            { text: `您好，${logistics.split('。')[0]}。`, entry: e },
            { text: '您好，我们会补偿您 50 元。', entry: e }, // a number the entry does not state
            { text: '已为您加急处理。', entry: 'E9' }, // an entry it was not shown
          ],
        },
      }
    }
    const { suggestions } = await get(`${conv(id)}/suggestions`)
    const written = suggestions.filter((s: any) => s.source === 'model')
    expect(written).toEqual([{ text: `您好，${logistics.split('。')[0]}。`, entryId: expect.any(String), question: '怎么查物流', source: 'model' }])
    expect(suggestions.map((s: any) => s.text).join()).not.toMatch(/50 元|加急/)
    expect(suggestions.length).toBeLessThanOrEqual(3)
    expect(suggestions.filter((s: any) => s.source === 'curated').length).toBeGreaterThan(0)
    expect(await calls()).toEqual(expect.arrayContaining([{ purpose: 'suggest', outcome: 'ok', conversation_id: id }]))
    for (const r of model.requests) expect(r.text).not.toContain(ORDER)
  })

  it('reads ticket fields from free text, restored, and drops a number the customer never wrote', async () => {
    model.respond = () => ({ content: {} })
    const id = await handedOver()
    model.respond = (req) =>
      purposeOf(req) === 'extract'
        ? {
            content: {
              type: 'repair',
              product: '洗衣机',
              orderNo: placeholders(req, 'ORDER')[0],
              phone: placeholders(req, 'PHONE')[0],
              address: '北京市朝阳区建国路1号',
            },
          }
        : { content: {} }
    const { fields } = await get(`${conv(id)}/ticket-fields`)
    expect(fields).toEqual({ type: 'repair', product: '洗衣机', orderNo: ORDER, phone: PHONE })
    const sent = model.requests.filter((r) => purposeOf(r) === 'extract')
    expect(sent).toHaveLength(1)
    expect(sent[0]!.text).not.toContain(PHONE)
    expect(await calls()).toEqual(expect.arrayContaining([{ purpose: 'extract', outcome: 'ok', conversation_id: id }]))
  })

  it('sends nothing to the model with assist off, and real values when the admin allows personal data', async () => {
    const actor = { type: 'system', name: 'test' } as const
    await setSetting(rt.db, actor, 'llm', { assist: false })
    try {
      const id = await handedOver()
      expect(model.requests.filter((r) => purposeOf(r) !== 'other')).toEqual([])
      expect((await get(conv(id))).handoff.model).toBeNull()
      expect((await get(`${conv(id)}/ticket-fields`)).fields).toEqual({})
      expect((await get(`${conv(id)}/suggestions`)).suggestions.length).toBeGreaterThan(0)
      await setSetting(rt.db, actor, 'llm', { sendPersonalData: true })
      model.respond = (req) => (purposeOf(req) === 'extract' ? { content: { orderNo: ORDER } } : { content: {} })
      expect((await get(`${conv(id)}/ticket-fields`)).fields).toEqual({ orderNo: ORDER })
      expect(model.requests.find((r) => purposeOf(r) === 'extract')!.text).toContain(ORDER)
    } finally {
      await setSetting(rt.db, actor, 'llm', {})
    }
  })
})
