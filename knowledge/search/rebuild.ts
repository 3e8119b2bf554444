/**
 * Rebuilds the whole index: keyword tables in place (one transaction, so answering
 * never sees half of it), vectors under a NEW embedder id filled in the background,
 * switched to only when complete — until then search keeps using the old vectors.
 * Streams entry by entry (questions come ordered by entry), so a 100k-entry KB never
 * holds all its vectors in memory unless the entry vectors are going to be trained.
 */
import type { Db } from '../../bot/db/client.ts'
import { fnv1a } from '../embed/hash.ts'
import { learnModel, type FamilyWeights, type LocalModel } from '../embed/model.ts'
import { localEmbedder } from '../embed/local.ts'
import { openaiEmbedder, type OpenAIEmbedderConfig } from '../embed/openai.ts'
import { activateEmbedder, encodeModel, registerEmbedder, type EmbedderSecrets } from '../embed/registry.ts'
import type { TrainOptions } from '../embed/train-entries.ts'
import type { Embedder } from '../embed/types.ts'
import { createVectorIndex } from '../embed/vector-index.ts'
import { normalise } from '../text/normalise.ts'
import { addTerms } from '../text/segment.ts'
import type { PretrainedModelId } from '../embed/pretrained/files.ts'
import { buildDense, DEFAULT_DENSE } from './build-dense.ts'
import { analyzeIndex, bumpKbVersion } from './kb-version.ts'
import { loadDictionary, loadQuestions, synonymRelations } from './load-kb.ts'
import { trainAndWrite, trainingFits } from './train-step.ts'
import { clearKeyword, estimateAvgLen, writeKeyword, type QuestionRow } from './write-keyword.ts'
import { centroids, writeEntryVectors, writeQuestionVectors } from './write-vectors.ts'

export type EmbedderChoice =
  | { kind: 'local'; dims?: number; weights?: FamilyWeights; train?: TrainOptions | false }
  | { kind: 'openai'; config: Omit<OpenAIEmbedderConfig, 'apiKey'> }

export interface RebuildOptions {
  embedder?: EmbedderChoice
  /** The pretrained model fused beside it (build-dense.ts), or false for none. */
  dense?: PretrainedModelId | false
  secrets?: EmbedderSecrets
  onProgress?: (p: { phase: 'keyword' | 'embed' | 'train' | 'index' | 'dense' | 'done'; done: number; total: number }) => void
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
    await writeKeyword(tx, qs, estimateAvgLen(qs))
    await bumpKbVersion(tx)
  })

  const train = choice.kind === 'local' && choice.train !== false ? (choice.train ?? {}) : null
  const trained = train !== null && trainingFits(qs, train)
  const { id, embedder, kind, config, model } = prepare(choice, qs, dict, trained, opts.secrets)
  await registerEmbedder(db, { id, kind, dims: embedder.dims, config, model })
  await db.query('update kb_embedders set progress_total = $2 where id = $1', [id, qs.length])
  const keep = trained ? ([] as Float32Array[]) : null
  for (let i = 0; i < qs.length; i += EMBED_BATCH) {
    // Whole entries per batch, so each entry's centroid is complete when written.
    let end = Math.min(qs.length, i + EMBED_BATCH)
    while (end < qs.length && qs[end]!.entryId === qs[end - 1]!.entryId) end++
    const part = qs.slice(i, end)
    const v = await embedder.embed(part.map((q) => q.text))
    await writeQuestionVectors(db, id, part, v)
    const cents = centroids(part, v)
    await writeEntryVectors(db, id, [...cents.keys()], [...cents.values()])
    keep?.push(...v)
    await db.query('update kb_embedders set progress_done = $2 where id = $1', [id, end])
    progress({ phase: 'embed', done: end, total: qs.length })
    i = end - EMBED_BATCH
  }
  if (keep && train) {
    progress({ phase: 'train', done: 0, total: qs.length })
    await trainAndWrite(db, id, qs, keep, train)
  }
  progress({ phase: 'index', done: 0, total: qs.length })
  await createVectorIndex(db, id, embedder.dims)
  await analyzeIndex(db)
  // New vectors, new score distribution: the thresholds wait for calibrate().
  await db.query('update kb_index_state set calibration_stale = true where id = 1')
  await activateEmbedder(db, id)
  const dense = await buildDense(db, opts.dense ?? DEFAULT_DENSE, (done, total) => progress({ phase: 'dense', done, total }))
  progress({ phase: 'done', done: qs.length, total: qs.length })
  return { embedderId: id, denseEmbedderId: dense, questions: qs.length, entries: new Set(qs.map((q) => q.entryId)).size, trained: keep !== null }
}

/**
 * Hashed dimensions of a local model. A KB small enough to train its entry vectors has
 * its ~10–30k distinct features crowded into 1024 buckets; 2000 (pgvector's HNSW limit,
 * though the HNSW index is on a 256-dim sketch) halves the collisions (tune split hit@1
 * banking77 0.751 → 0.762, clinc150 0.803 → 0.809). Larger KBs keep 1024: their storage
 * and re-scoring cost grow with dims, and without training collisions matter less.
 */
const TRAINED_DIMS = 2000
const UNTRAINED_DIMS = 1024

function prepare(choice: EmbedderChoice, qs: QuestionRow[], dict: { terms: string[]; groups: string[][] }, trained: boolean, secrets?: EmbedderSecrets) {
  if (choice.kind === 'openai') {
    const embedder: Embedder = openaiEmbedder({ ...choice.config, apiKey: secrets?.openaiApiKey ?? 'unset' })
    return { id: embedder.id, embedder, kind: 'openai' as const, config: choice.config, model: undefined }
  }
  const model: LocalModel = learnModel(
    qs.map((q) => ({ entryId: q.entryId, text: normalise(q.text) })),
    { dims: choice.dims ?? (trained ? TRAINED_DIMS : UNTRAINED_DIMS), weights: choice.weights, related: synonymRelations(dict.groups), terms: dict.terms },
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
