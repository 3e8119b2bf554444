/**
 * Rebuilds the whole index: keyword tables in place (one transaction, so answering
 * never sees half of it), vectors under a NEW embedder id filled in the background,
 * switched to only when complete — until then search keeps using the old vectors.
 */
import type { Db } from '../../bot/db/client.ts'
import { fnv1a } from '../embed/hash.ts'
import { learnModel, type FamilyWeights, type LocalModel } from '../embed/model.ts'
import { localEmbedder } from '../embed/local.ts'
import { openaiEmbedder, type OpenAIEmbedderConfig } from '../embed/openai.ts'
import { activateEmbedder, encodeModel, registerEmbedder, type EmbedderSecrets } from '../embed/registry.ts'
import { trainEntryVectors, type TrainOptions } from '../embed/train-entries.ts'
import type { Embedder } from '../embed/types.ts'
import { normalise } from '../text/normalise.ts'
import { addTerms } from '../text/segment.ts'
import { loadDictionary, loadQuestions, synonymRelations } from './load-kb.ts'
import { clearKeyword, writeKeyword, type QuestionRow } from './write-keyword.ts'
import { centroids, writeEntryVectors, writeQuestionVectors } from './write-vectors.ts'

export type EmbedderChoice =
  | { kind: 'local'; dims?: number; weights?: FamilyWeights; train?: TrainOptions | false }
  | { kind: 'openai'; config: Omit<OpenAIEmbedderConfig, 'apiKey'> }

export interface RebuildOptions {
  embedder?: EmbedderChoice
  secrets?: EmbedderSecrets
  onProgress?: (p: { phase: 'keyword' | 'embed' | 'train' | 'done'; done: number; total: number }) => void
}

const EMBED_BATCH = 1000

export async function rebuildIndex(db: Db, opts: RebuildOptions = {}) {
  const choice = opts.embedder ?? { kind: 'local' }
  const progress = opts.onProgress ?? (() => {})
  const dict = await loadDictionary(db)
  addTerms(dict.terms)
  const qs = await loadQuestions(db)
  progress({ phase: 'keyword', done: 0, total: qs.length })
  await db.transaction(async (tx) => {
    await clearKeyword(tx)
    await writeKeyword(tx, qs)
  })

  const { id, embedder, kind, config, model } = prepare(choice, qs, dict, opts.secrets)
  await registerEmbedder(db, { id, kind, dims: embedder.dims, config, model })
  await db.query('update kb_embedders set progress_total = $2 where id = $1', [id, qs.length])
  const vecs: Float32Array[] = []
  for (let i = 0; i < qs.length; i += EMBED_BATCH) {
    const part = qs.slice(i, i + EMBED_BATCH)
    const v = await embedder.embed(part.map((q) => q.text))
    await writeQuestionVectors(db, id, part, v)
    vecs.push(...v)
    await db.query('update kb_embedders set progress_done = $2 where id = $1', [id, vecs.length])
    progress({ phase: 'embed', done: vecs.length, total: qs.length })
  }
  const cents = centroids(qs, vecs)
  const ids = [...cents.keys()]
  let entryVecs = ids.map((e) => cents.get(e)!)
  const train = choice.kind === 'local' ? (choice.train ?? {}) : {}
  if (train !== false) {
    progress({ phase: 'train', done: 0, total: ids.length })
    const pos = new Map(ids.map((e, i) => [e, i]))
    entryVecs = trainEntryVectors(ids, entryVecs, qs.map((q, i) => ({ entry: pos.get(q.entryId)!, vec: vecs[i]! })), train)
  }
  await writeEntryVectors(db, id, ids, entryVecs)
  await activateEmbedder(db, id)
  progress({ phase: 'done', done: qs.length, total: qs.length })
  return { embedderId: id, questions: qs.length, entries: ids.length }
}

function prepare(choice: EmbedderChoice, qs: QuestionRow[], dict: { terms: string[]; groups: string[][] }, secrets?: EmbedderSecrets) {
  if (choice.kind === 'openai') {
    const embedder: Embedder = openaiEmbedder({ ...choice.config, apiKey: secrets?.openaiApiKey ?? 'unset' })
    return { id: embedder.id, embedder, kind: 'openai' as const, config: choice.config, model: undefined }
  }
  const model: LocalModel = learnModel(
    qs.map((q) => ({ entryId: q.entryId, text: normalise(q.text) })),
    { dims: choice.dims, weights: choice.weights, related: synonymRelations(dict.groups), terms: dict.terms },
  )
  const enc = encodeModel(model)
  // The id names what was learned: a relearned model is a new embedder, filled beside the old.
  const id = `local-${(fnv1a(JSON.stringify(enc.config)) ^ hashBytes(enc.model)).toString(16)}`
  return { id, embedder: localEmbedder(model, id), kind: 'local' as const, config: enc.config, model: enc.model }
}

function hashBytes(b: Uint8Array): number {
  let h = 0x811c9dc5
  for (let i = 0; i < b.length; i += 1) if (b[i]) h = Math.imul(h ^ (b[i]! + i), 0x01000193)
  return h >>> 0
}
