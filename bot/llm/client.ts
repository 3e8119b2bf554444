/**
 * One OpenAI SDK client per configured endpoint. The SDK speaks the protocol every
 * compatible server implements (OpenAI, DeepSeek, DashScope/Qwen, GLM, vLLM, Ollama,
 * Xinference); its own retries are off because each call here has a deadline that a retry
 * would overrun — a failed call falls back to the curated path instead.
 */
import OpenAI from 'openai'
import type { Config } from '../config.ts'

type LlmConfig = Pick<Config, 'llm' | 'LLM_BASE_URL' | 'LLM_API_KEY' | 'LLM_MODEL'>

const clients = new Map<string, OpenAI>()

export function llmClient(config: LlmConfig): { client: OpenAI; model: string } | null {
  if (!config.llm || !config.LLM_BASE_URL || !config.LLM_MODEL) return null
  const key = `${config.LLM_BASE_URL}\n${config.LLM_API_KEY ?? ''}`
  let client = clients.get(key)
  if (!client) {
    // Local servers need no key, but the SDK refuses to start without one.
    client = new OpenAI({ baseURL: config.LLM_BASE_URL, apiKey: config.LLM_API_KEY ?? 'none', maxRetries: 0, timeout: 120_000 })
    clients.set(key, client)
  }
  return { client, model: config.LLM_MODEL }
}
