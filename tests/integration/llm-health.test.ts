// `kefu llm` against a local OpenAI-compatible stand-in: healthy, a refused key, a model too
// slow for the customer path, a model that does not answer in JSON, none configured — and
// the real command, as an admin runs it, with its call in the audit.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDb } from '../../bot/db/client.ts'
import { checkLlm } from '../../bot/llm/health.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { type FakeChatModel, startFakeChatModel } from '../support/fake-chat-model.ts'
import { testConfig, testRuntime } from '../support/services.ts'

const KEFU = new URL('../../bin/kefu.js', import.meta.url).pathname
const sum = (text: string) => {
  const [a, b] = text
    .match(/(\d+) \+ (\d+)/)!
    .slice(1)
    .map(Number)
  return a! + b!
}

describe('kefu llm (pglite)', () => {
  let rt: Runtime & { close(): Promise<void> }
  let model: FakeChatModel
  const configFor = (over: Record<string, string> = {}) =>
    testConfig({ LLM_BASE_URL: model.baseURL, LLM_API_KEY: 'sk-right', LLM_MODEL: model.model, LLM_TIMEOUT_MS: '500', ...over })

  beforeAll(async () => {
    model = await startFakeChatModel({ apiKey: 'sk-right', respond: (req) => ({ content: { ok: true, sum: sum(req.text) } }) })
    rt = await testRuntime('pglite')
  }, 120_000)
  afterAll(async () => {
    await rt?.close()
    await model?.close()
  })

  it('is healthy when the key is accepted, the model is listed and answers JSON in time', async () => {
    const h = await checkLlm(configFor(), rt.db, rt.log)
    expect(h).toMatchObject({ configured: true, healthy: true, listed: true, slow: false, model: model.model, endpoint: new URL(model.baseURL).host })
    expect(h.detail).toMatch(/within LLM_TIMEOUT_MS \(500 ms\)/)
    expect(JSON.stringify(h)).not.toContain('sk-right')
    const calls = await rt.db.query<any>(`select outcome, prompt_tokens from llm_calls where purpose = 'health'`)
    expect(calls.rows.at(-1)).toMatchObject({ outcome: 'ok' })
  })

  it('says what is wrong: a refused key, an unknown model, a slow model, a model that does not answer JSON, none configured', async () => {
    const refused = await checkLlm(configFor({ LLM_API_KEY: 'sk-wrong' }), rt.db, rt.log)
    expect(refused).toMatchObject({ healthy: false })
    expect(refused.detail).toMatch(/refused the key.*LLM_API_KEY/)

    const unknown = await checkLlm(configFor({ LLM_MODEL: 'no-such-model' }), rt.db, rt.log)
    expect(unknown).toMatchObject({ healthy: false, listed: false })
    expect(unknown.detail).toMatch(/HTTP 404/)

    model.respond = (req) => ({ content: { ok: true, sum: sum(req.text) }, delayMs: 800 })
    const slow = await checkLlm(configFor(), rt.db, rt.log)
    expect(slow).toMatchObject({ healthy: false, slow: true })
    expect(slow.latencyMs).toBeGreaterThanOrEqual(800)
    expect(slow.detail).toMatch(/more than LLM_TIMEOUT_MS/)

    model.respond = () => ({ content: 'Sure! The answer is 42.' })
    const chatty = await checkLlm(configFor(), rt.db, rt.log)
    expect(chatty).toMatchObject({ healthy: false })
    expect(chatty.detail).toMatch(/not the JSON asked for/)
    model.respond = (req) => ({ content: { ok: true, sum: sum(req.text) } })

    const off = await checkLlm(testConfig(), rt.db, rt.log)
    expect(off).toMatchObject({ configured: false, healthy: null })
    expect(off.detail).toMatch(/LLM_BASE_URL and LLM_MODEL/)
  })

  it('runs as `kefu llm` and exits 1 when unhealthy', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kefu-llm-cli-'))
    const env = { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', DATA_DIR: dataDir, LLM_BASE_URL: model.baseURL, LLM_MODEL: model.model }
    try {
      const run = promisify(execFile)
      const good = await run(process.execPath, [KEFU, 'llm', '--json'], { env: { ...env, LLM_API_KEY: 'sk-right' } })
      expect(JSON.parse(good.stdout)).toMatchObject({ healthy: true, listed: true })
      const bad = await run(process.execPath, [KEFU, 'llm'], { env: { ...env, LLM_API_KEY: 'sk-wrong' } }).catch((e) => e)
      expect(bad.code).toBe(1)
      expect(bad.stdout).toMatch(/^model\s+UNHEALTHY\s+stand-in-chat @ /)
      const db = await openDb({ dataDir: join(dataDir, 'pg') })
      expect((await db.query<any>(`select outcome from llm_calls where purpose = 'health'`)).rows).toEqual([{ outcome: 'ok' }])
      await db.close()
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 120_000)
})
