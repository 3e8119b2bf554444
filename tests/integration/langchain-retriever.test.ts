// Kefu's knowledge search as a LangChain retriever: what a chain built on LangChain gets from
// the curated knowledge base — the bot's own ranking, only what may be shown now, and the
// channel's wording — on a real database with the demo knowledge indexed.
import { RunnableLambda } from '@langchain/core/runnables'
import type { Document } from '@langchain/core/documents'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../bot/runtime.ts'
import { search } from '../../knowledge/search/search.ts'
import { KefuRetriever } from '../../knowledge/search/langchainRetriever.ts'
import { seedKnowledge } from '../support/knowledge.ts'
import { testRuntime } from '../support/services.ts'

describe('KefuRetriever (pglite)', () => {
  let rt: Runtime & { close(): Promise<void> }
  const entry = async (question: string) =>
    (await rt.db.query<{ id: string; answer: string }>('select id, answer from kb_entries where question = $1', [question])).rows[0]!

  beforeAll(async () => {
    rt = await testRuntime('pglite')
    await seedKnowledge(rt)
  }, 120_000)
  afterAll(async () => {
    await rt?.close()
  })

  it('returns the curated answers in the order the bot ranks them, with their entry and score', async () => {
    const refund = await entry('退款什么时候到账')
    const docs = await new KefuRetriever({ db: rt.db, k: 3 }).invoke('退款多久能到账？')
    expect(docs).toHaveLength(3)
    expect(docs[0]).toMatchObject({ pageContent: refund.answer, id: refund.id, metadata: { entryId: refund.id, question: '退款什么时候到账' } })
    const own = await search(rt.db, '退款多久能到账？', { candidates: 3 })
    expect(docs.map((d) => d.metadata.entryId)).toEqual(own.candidates.map((c) => c.entryId))
    expect(docs[0]!.metadata.decision).toBe(own.decision)
    expect(docs[0]!.metadata.score).toBeGreaterThanOrEqual(docs[1]!.metadata.score)
  })

  it('serves only what may be shown now, in the channel’s wording, and composes in a chain', async () => {
    const refund = await entry('退款什么时候到账')
    await rt.db.query(`update kb_entries set channel_answers = $2 where id = $1`, [refund.id, JSON.stringify({ wechat: '微信里的退款说明' })])
    const onWechat = await new KefuRetriever({ db: rt.db, k: 2, channel: 'wechat' }).invoke('退款多久能到账')
    expect(onWechat[0]!.pageContent).toBe('微信里的退款说明')

    // A chain as a LangChain user would build one: retrieve, then format the context for a prompt.
    const context = new KefuRetriever({ db: rt.db, k: 2 }).pipe(
      RunnableLambda.from((docs: Document[]) => docs.map((d) => `Q: ${d.metadata.question}\nA: ${d.pageContent}`).join('\n\n')),
    )
    expect(await context.invoke('退款多久能到账')).toContain(`Q: 退款什么时候到账\nA: ${refund.answer}`)

    await rt.db.query(`update kb_entries set valid_to = now() - interval '1 day' where id = $1`, [refund.id])
    const expired = await new KefuRetriever({ db: rt.db, k: 5 }).invoke('退款多久能到账')
    expect(expired.map((d) => d.metadata.entryId)).not.toContain(refund.id)
    await rt.db.query(`update kb_entries set valid_to = null, channel_answers = '{}' where id = $1`, [refund.id])
  })
})
