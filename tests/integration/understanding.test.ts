/**
 * Conversation understanding through the real turn, on the demo knowledge base with the
 * pretrained model: small talk as typed, a person asked for together with a question, cases
 * that go to a ticket instead of an FAQ answer, and follow-ups read with the turn before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../bot/runtime.ts'
import { sayT } from '../../bot/tickets/phrases.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { customer } from '../support/customers.ts'
import { DB_KINDS, testRuntime } from '../support/services.ts'

type Replies = { replies: { kind: string; text: string; kbEntryId?: string | null; buttons?: { label: string }[] }[] }
const kinds = (r: Replies) => r.replies.map((x) => x.kind)
const options = (r: Replies) => r.replies.find((x) => x.kind === 'clarify')?.buttons?.map((b) => b.label) ?? []

describe.each(DB_KINDS)('conversation understanding on %s', (kind) => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await testRuntime(kind, { config: { SEED_DEMO: 'true' } })
    await knowledgeModule.prepare!(rt)
  })
  afterAll(() => rt?.close())

  it('answers thanks typed with emoji, particles or in English as small talk, not with the fallback', async () => {
    for (const text of ['好的谢谢啦👍', 'thanks a lot!', '👍', '嗯嗯好的']) {
      const r = (await customer(rt).say(text)) as Replies
      expect(kinds(r), text).toEqual(['smalltalk'])
    }
  })

  it('hands off when a person is asked for together with a question, and keeps the question', async () => {
    const c = customer(rt)
    const r = (await c.say('转人工，我的快递三天没动了')) as Replies
    expect(kinds(r)).toContain('queue')
    const conv = await rt.db.query<{ text: string }>(
      `select m.text from messages m join conversations v on v.id = m.conversation_id
        join customer_identities i on i.customer_id = v.customer_id and i.external_id = $1 where m.sender_type = 'customer'`,
      [c.externalUserId],
    )
    expect(conv.rows.map((x) => x.text)).toEqual(['转人工，我的快递三天没动了'])
  })

  it('opens a ticket for a case — a waybill number, goods broken with a demand — instead of answering an FAQ', async () => {
    for (const text of ['单号YQ302118764530 显示签收了但我根本没收到', '快递给我摔坏了你们必须赔']) {
      const r = (await customer(rt).say(text)) as Replies
      expect(kinds(r), text).not.toContain('answer')
      expect(
        r.replies.map((x) => x.text),
        text,
      ).toContain(sayT('draftStart', 'zh'))
    }
    // A how-to question about the same thing is still a question.
    expect(kinds((await customer(rt).say('收到的东西破损了怎么办？')) as Replies)).not.toContain('system')
  })

  it('reads a short follow-up with the previous question, but not as the entry just given', async () => {
    const a = customer(rt)
    await a.say('怎么退款')
    const refund = (await a.say('多久到账')) as Replies
    expect(refund.replies.find((x) => x.kind === 'answer')?.kbEntryId).toBe('demo-refund-progress')

    const b = customer(rt)
    const first = (await b.say('怎么退货')) as Replies
    expect(first.replies.find((x) => x.kind === 'answer')?.kbEntryId).toBe('demo-return')
    const broken = (await b.say('坏了')) as Replies
    expect(kinds(broken)).toContain('clarify')
    expect(options(broken)).toContain('产品坏了怎么报修')
  })
})
