// The journey bench's --llm mode: its own unsupported-claim check (stricter than, and
// independent of, bot/llm/grounding.ts), and one end-to-end run of the real CLI on four
// messages — Kefu started twice (without the model and with the OpenAI-compatible stand-in),
// the web chat's HTTP API, the stored replies and the llm_calls audit read back.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkGrounded } from '../../bot/llm/grounding.ts'
import { llmEnv, llmSummary, unsupportedClaims, withGenerated } from '../../adapters/webchat/bench/journey-llm.ts'
import { type FakeChatModel, startFakeChatModel } from '../support/fake-chat-model.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))

describe('bench:journey --llm: unsupported claims', () => {
  const entry = '退款会在审核通过后 3 个工作日内原路退回，运费由商家承担。详见 https://help.example.com/refund'

  it('accepts what the cited entry says, full-width forms included', () => {
    expect(unsupportedClaims('退款审核通过后３个工作日内原路退回。', [entry])).toEqual([])
    expect(unsupportedClaims('见 https://help.example.com/refund。', [entry])).toEqual([])
  })

  it('flags a number, link, address, Chinese numeral or policy word no cited entry states', () => {
    expect(unsupportedClaims('退款 30 个工作日内退回', [entry])).toEqual(['30'])
    expect(unsupportedClaims('详见 https://evil.example.com/x', [entry])).toEqual(['https://evil.example.com/x'])
    expect(unsupportedClaims('问题请发 a@b.com', [entry])).toEqual(['a@b.com'])
    expect(unsupportedClaims('退款一般十几天内退回', [entry])).toEqual(['十'])
    expect(unsupportedClaims('退款 3 个工作日内退回，全程免费', [entry])).toEqual(['免费'])
    // A figure from another entry the reply does not cite is no support.
    expect(unsupportedClaims('3 个工作日', ['运费 12 元起'])).toEqual(['3', '工作日'])
  })

  it('is stricter than the product: what grounding.ts lets through, the bench still counts', () => {
    const reply = '退款会在审核通过后 3 个工作日内原路退回，运费由商家承担，约十几天。'
    expect(checkGrounded(reply, [entry]).ok).toBe(true)
    expect(unsupportedClaims(reply, [entry])).toEqual(['十'])
  })

  it('scores a composed reply by the entries it cites, and counts its claims', () => {
    const kb = [{ id: 'refund', question: '退款多久到账', answer: entry }]
    const m = { text: '钱多久回来', expect: { kind: 'answer' as const, entry: 'refund' } }
    const composed = withGenerated(kb, { kind: 'answer', entry: null }, { text: '退款 30 天到账' }, { mode: 'composed', entries: ['refund'] })
    const verified = withGenerated(kb, { kind: 'answer', entry: 'refund' }, { text: entry }, { mode: 'verified', entries: ['refund'] })
    const row = llmSummary('x', [
      { m, ms: 10, ...composed },
      { m, ms: 30, ...verified },
      { m, ms: 20, did: { kind: 'fallback' } },
    ])
    expect(row).toMatchObject({ answerable: 3, right: 2, wrong: 0, abstained: 1, modelVerified: 1, modelComposed: 1, unsupportedClaims: 1, p50Ms: 20 })
  })

  it('names the variables it needs when the endpoint is missing', () => {
    expect(() => llmEnv({})).toThrow(/LLM_BASE_URL and LLM_MODEL.*LLM_API_KEY/)
    expect(() => llmEnv({ LLM_BASE_URL: 'http://x/v1', LLM_MODEL: 'm' }, 'soon')).toThrow(/--llm-timeout/)
    expect(llmEnv({ LLM_BASE_URL: 'http://x/v1', LLM_MODEL: 'm', LLM_API_KEY: 'k' }, '4000')).toEqual({
      LLM_BASE_URL: 'http://x/v1',
      LLM_MODEL: 'm',
      LLM_API_KEY: 'k',
      LLM_TIMEOUT_MS: '4000',
    })
  })
})

describe('bench:journey --llm end to end, against the stand-in', () => {
  let model: FakeChatModel
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kefu-bench-llm-'))
    // English → the stand-in finds no entry fits; Chinese → it composes from the first entry
    // shown and adds a figure of its own, spelled so the product's own check lets it pass.
    model = await startFakeChatModel({
      apiKey: 'sk-bench',
      respond: (req) => {
        if (!/"verdict"/.test(req.messages[0]!.content)) return { content: { question: req.messages.at(-1)!.content } }
        const human = req.messages.find((x) => x.role === 'user')!.content
        const customer = human.match(/<<<customer>>>\n([\s\S]*?)\n<<<end>>>/)![1]!
        if (/[a-z]/i.test(customer)) return { content: { verdict: 'none', entries: [], answer: '' } }
        const first = human.match(/\[E1\] Q: [^\n]*\nA: ([\s\S]*?)(?:\n\n\[E2\]|$)/)![1]!.split('。')[0]!
        return { content: { verdict: 'compose', entries: ['E1'], answer: `${first}，约十几天。` } }
      },
    })
  })
  afterAll(async () => {
    await model?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('reports abstentions for "none", an unsupported claim for the invented figure, and the tokens spent', async () => {
    const messages = [
      { text: 'what is volumetric weight', expect: { kind: 'answer', entry: 'kb-fee-volume' } },
      { text: '打火机能寄吗', expect: { kind: 'answer', entry: 'kb-prohibited' } },
      { text: '請問怎麼查包裹的物流？', expect: { kind: 'answer', entry: 'kb-track-how' } },
      { text: 'Hi there', expect: { kind: 'smalltalk' } },
    ]
    writeFileSync(join(dir, 'm.jsonl'), messages.map((m) => JSON.stringify(m)).join('\n'))
    const args = ['--import', 'tsx', join(root, 'adapters/webchat/bench/journey.ts'), '--llm', '--llm-timeout', '5000', '--split', 'all', '--json']
    const child = spawn(process.execPath, [...args, '--messages', join(dir, 'm.jsonl')], {
      cwd: root,
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? tmpdir(), LLM_BASE_URL: model.baseURL, LLM_MODEL: model.model, LLM_API_KEY: 'sk-bench' },
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    const code = await new Promise<number | null>((r) => child.on('exit', r))
    expect(code, err).toBe(0)
    const report = JSON.parse(out)
    const [without, withModel] = report.llm
    expect(without).toMatchObject({ answerable: 3, modelCalls: 0, modelVerified: 0, modelComposed: 0 })
    expect(withModel).toMatchObject({ answerable: 3, modelComposed: 1, unsupportedClaims: 1, answeredWhereNone: 0 })
    // The English message the stand-in had no entry for is an abstention, not an error or an answer.
    expect(withModel.abstained).toBeGreaterThanOrEqual(1)
    expect(withModel.right + withModel.wrong + withModel.abstained).toBe(3)
    expect(withModel.modelCalls).toBeGreaterThanOrEqual(2)
    expect(withModel.promptTokens).toBeGreaterThan(0)
    expect(report.usage.byOutcome['judge ok']).toBeGreaterThanOrEqual(2)
    expect(report.unsupported).toHaveLength(1)
    expect(report.unsupported[0].m.text).toBe('打火机能寄吗')
    expect(report.unsupported[0].generated.unsupported).toContain('十')
    // Both Kefu runs saw the same messages; only the model run asked the stand-in.
    expect(model.requests.length).toBe(withModel.modelCalls)
    expect(typeof withModel.p95Ms).toBe('number')
  }, 180_000)
})
