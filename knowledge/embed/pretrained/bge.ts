/**
 * A BERT-style sentence encoder run in-process with onnxruntime-node (CPU): BAAI
 * bge-small-zh-v1.5, int8. Text is normalised first (Simplified, half-width, lower case —
 * the model's vocabulary is Simplified and lower-case, so Traditional and Simplified input
 * embed alike), tokenised with the model's own tokenizer.json, and the [CLS] state is the
 * sentence vector (BGE's pooling), L2-normalised so inner product is cosine.
 * Sentence-to-sentence similarity, so no retrieval instruction prefix (BGE uses one only
 * for short queries against long passages).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Tokenizer } from '@huggingface/tokenizers'
import ort from 'onnxruntime-node'
import { normalise } from '../../text/normalise.ts'
import { l2normalise } from '../local.ts'
import { RecentVectors } from '../recent.ts'
import type { Embedder } from '../types.ts'
import { verifiedModelDir, type PretrainedModelId } from './files.ts'

/**
 * Texts per forward pass: one. The int8 model quantises its activations dynamically, with
 * one scale per tensor, so a text's vector depends on what else is in its batch (cosine
 * 0.99 between the same text alone and in a batch of three). A message is embedded alone,
 * so the knowledge base is too: identical text, identical vector. It costs little —
 * measured ~1.1 ms a sentence alone against ~0.8 ms in batches of 8.
 */
const BATCH = 1

/** Query vectors remembered per model: 2,000 × 512 floats ≈ 4 MB. */
const RECENT_VECTORS = 2000

export interface PretrainedEmbedder extends Embedder {
  model: PretrainedModelId
}

export async function loadPretrained(model: PretrainedModelId, root?: string): Promise<PretrainedEmbedder> {
  const { dir, manifest } = verifiedModelDir(model, root)
  const tokenizer = new Tokenizer(
    JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')),
    JSON.parse(readFileSync(join(dir, 'tokenizer_config.json'), 'utf8')),
  )
  // One intra-op thread: the process serves requests on the other core, and a
  // sentence of ~20 tokens gains little from splitting its matrix products.
  const session = await ort.InferenceSession.create(join(dir, 'onnx', 'model_quantized.onnx'), {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  })
  const dims = manifest.dims
  // Customers ask the same things in the same words: recent vectors skip the forward pass (~1–4 ms of CPU).
  const recent = new RecentVectors(RECENT_VECTORS)
  const maxTokens = manifest.maxTokens

  async function forward(texts: string[]): Promise<Float32Array[]> {
    const ids = texts.map((t) => {
      const e = tokenizer.encode(normalise(t) || '-').ids
      // Keep [CLS] … and the final [SEP]: a long message is cut, never left unterminated.
      return e.length <= maxTokens ? e : [...e.slice(0, maxTokens - 1), e[e.length - 1]!]
    })
    const n = texts.length
    const len = Math.max(...ids.map((x) => x.length))
    const input = new BigInt64Array(n * len)
    const mask = new BigInt64Array(n * len)
    ids.forEach((row, i) => {
      row.forEach((v: number, j: number) => {
        input[i * len + j] = BigInt(v)
        mask[i * len + j] = 1n
      })
    })
    const out = await session.run({
      input_ids: new ort.Tensor('int64', input, [n, len]),
      attention_mask: new ort.Tensor('int64', mask, [n, len]),
      token_type_ids: new ort.Tensor('int64', new BigInt64Array(n * len), [n, len]),
    })
    const h = out.last_hidden_state!.data as Float32Array
    return ids.map((_, i) => l2normalise(h.slice(i * len * dims, i * len * dims + dims)))
  }

  return {
    id: `pretrained:${model}`,
    model,
    dims,
    async embed(texts) {
      const out: Float32Array[] = []
      for (let i = 0; i < texts.length; i += BATCH) {
        const batch = texts.slice(i, i + BATCH)
        // BATCH is 1, so a text's vector never depends on its neighbours and a remembered one is identical.
        const known = BATCH === 1 ? recent.get(batch[0]!) : undefined
        if (known)
          out.push(known.slice()) // a copy: callers may sum into what they get
        else {
          const vecs = await forward(batch)
          if (BATCH === 1) recent.set(batch[0]!, vecs[0]!.slice())
          out.push(...vecs)
        }
      }
      return out
    },
  }
}

// One session per model per process: loading takes ~0.3 s and ~80 MB.
const loaded = new Map<PretrainedModelId, Promise<PretrainedEmbedder>>()

export function pretrainedEmbedder(model: PretrainedModelId): Promise<PretrainedEmbedder> {
  let p = loaded.get(model)
  if (!p) {
    p = loadPretrained(model)
    loaded.set(model, p)
    p.catch(() => loaded.delete(model))
  }
  return p
}
