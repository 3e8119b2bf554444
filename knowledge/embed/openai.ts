/**
 * Any OpenAI-compatible /v1/embeddings endpoint (OpenAI, Azure-style gateways, vLLM,
 * Ollama, LocalAI …) through the `openai` package. Batching, retries and timeouts are
 * the package's own, configured here; vectors are L2-normalised so inner product is
 * cosine like the local embedder's.
 */
import OpenAI from 'openai'
import { l2normalise } from './local.ts'
import type { Embedder } from './types.ts'
import { normalise } from '../text/normalise.ts'

export interface OpenAIEmbedderConfig {
  baseURL?: string
  apiKey: string
  model: string
  /** Requested output size (models that support it); must match what comes back. */
  dimensions: number
  batchSize?: number
  maxRetries?: number
  timeoutMs?: number
}

export function openaiEmbedder(cfg: OpenAIEmbedderConfig): Embedder {
  const client = new OpenAI({
    apiKey: cfg.apiKey,
    baseURL: cfg.baseURL,
    maxRetries: cfg.maxRetries ?? 3,
    timeout: cfg.timeoutMs ?? 30_000,
  })
  const batchSize = cfg.batchSize ?? 64
  return {
    id: `openai:${cfg.model}:${cfg.dimensions}`,
    dims: cfg.dimensions,
    async embed(texts) {
      const out: Float32Array[] = []
      for (let i = 0; i < texts.length; i += batchSize) {
        // Normalised text, with a placeholder for empty input: endpoints reject "".
        const input = texts.slice(i, i + batchSize).map((t) => normalise(t) || '-')
        // Plain floats: many compatible servers ignore the SDK's default base64 request.
        const res = await client.embeddings.create({
          model: cfg.model,
          input,
          dimensions: cfg.dimensions,
          encoding_format: 'float',
        })
        const sorted = [...res.data].sort((a, b) => a.index - b.index)
        for (const d of sorted) {
          if (d.embedding.length !== cfg.dimensions) throw new Error(`embedding has ${d.embedding.length} dimensions, expected ${cfg.dimensions}`)
          out.push(l2normalise(Float32Array.from(d.embedding)))
        }
      }
      return out
    },
  }
}
