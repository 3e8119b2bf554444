/**
 * Kefu's knowledge search as a LangChain retriever, for teams who build their own chains
 * or agents on LangChain (a RAG chain, an agent tool) over the knowledge base their admins
 * curate here. It is the same search the bot uses — keyword, character n-grams and the
 * pretrained sentence model, fused and calibrated — so what a chain retrieves is what the
 * bot would consider. Only what may be shown now comes back (published, inside its validity
 * window), in the channel's wording when a channel is given.
 *
 *   const retriever = new KefuRetriever({ db: runtime.db, k: 3 })
 *   const docs = await retriever.invoke('退款多久到账')
 *   // docs[0].pageContent = the curated answer; docs[0].metadata = { entryId, question, score, decision }
 *
 * Kefu itself does not chain through it: the customer path calls search() directly, with
 * its own deadline (bot/turn/modelAnswer.ts).
 */
import type { CallbackManagerForRetrieverRun } from '@langchain/core/callbacks/manager'
import { Document } from '@langchain/core/documents'
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers'
import type { Db } from '../../bot/db/client.ts'
import type { Decision } from '../decide/tiers.ts'
import { search } from './search.ts'
import { servableAnswers } from './servableAnswers.ts'

export interface KefuDocumentMetadata {
  entryId: string
  question: string
  /** The fused, calibrated score (higher is closer). */
  score: number
  /** What the bot would have done with this query: answer, clarify or fallback. */
  decision: Decision
}

export interface KefuRetrieverInput extends BaseRetrieverInput {
  db: Db
  /** How many entries to return (default 4). */
  k?: number
  /** Return the channel's own wording of an answer where an entry has one. */
  channel?: string
}

export class KefuRetriever extends BaseRetriever<KefuDocumentMetadata> {
  static lc_name() {
    return 'KefuRetriever'
  }
  lc_namespace = ['kefu', 'retrievers']
  private readonly db: Db
  private readonly k: number
  private readonly channel: string | undefined

  constructor(fields: KefuRetrieverInput) {
    super(fields)
    this.db = fields.db
    this.k = fields.k ?? 4
    this.channel = fields.channel
  }

  async _getRelevantDocuments(query: string, _run?: CallbackManagerForRetrieverRun): Promise<Document<KefuDocumentMetadata>[]> {
    const result = await search(this.db, query, { candidates: this.k })
    const servable = await servableAnswers(
      this.db,
      result.candidates.map((c) => c.entryId),
      this.channel,
    )
    return result.candidates
      .filter((c) => servable.has(c.entryId))
      .map(
        (c) =>
          new Document<KefuDocumentMetadata>({
            pageContent: servable.get(c.entryId)!.answer,
            metadata: { entryId: c.entryId, question: c.question, score: c.score, decision: result.decision },
            id: c.entryId,
          }),
      )
  }
}
