/**
 * The default embedder: offline, no model download, deterministic. Weighted lexical
 * features (see model.ts) are hashed with a sign bit into a fixed number of
 * dimensions and L2-normalised, so cosine similarity ≈ weighted feature overlap and
 * the vectors fit pgvector's HNSW (≤ 2000 dimensions).
 */
import { features } from './features.ts'
import { fnv1a } from './hash.ts'
import { weigh, type LocalModel } from './model.ts'
import type { Embedder } from './types.ts'
import { normalise } from '../text/normalise.ts'

export function localEmbedder(model: LocalModel, modelId: string): Embedder {
  return {
    id: modelId,
    dims: model.dims,
    async embed(texts) {
      return texts.map((t) => embedLocal(model, normalise(t)))
    },
  }
}

export function embedLocal(model: LocalModel, normalised: string): Float32Array {
  const v = new Float32Array(model.dims)
  for (const [t, w] of weigh(model, features(normalised))) {
    const h = fnv1a(t)
    v[h % model.dims]! += h & 0x80000000 ? -w : w
  }
  return l2normalise(v)
}

export function l2normalise(v: Float32Array): Float32Array {
  let n = 0
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!
  if (n === 0) return v
  const k = 1 / Math.sqrt(n)
  for (let i = 0; i < v.length; i++) v[i]! *= k
  return v
}
