import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { dot } from '../../search/memory-index.ts'
import { loadPretrained, pretrainedEmbedder } from './bge.ts'
import { DEFAULT_MODEL_ROOT, manifestOf, PretrainedModelError, verifiedModelDir } from './files.ts'

const MODEL = 'bge-small-zh-v1.5' as const
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const scratch = mkdtempSync(join(tmpdir(), 'kefu-model-test-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** A copy of the installed model folder with one file replaced, to see it refused. */
function tampered(file: string, content: string | null): string {
  const dir = join(scratch, `${file.replace(/\W/g, '_')}-${content === null ? 'missing' : 'wrong'}`)
  for (const f of Object.keys(manifestOf(MODEL).files)) {
    mkdirSync(dirname(join(dir, MODEL, f)), { recursive: true })
    copyFileSync(join(DEFAULT_MODEL_ROOT, MODEL, f), join(dir, MODEL, f))
  }
  if (content === null) rmSync(join(dir, MODEL, file))
  else writeFileSync(join(dir, MODEL, file), content)
  return dir
}

describe('pretrained sentence model', () => {
  it('is installed with every file matching its SHA-256', () => {
    expect(() => verifiedModelDir(MODEL)).not.toThrow()
  })

  it('refuses a wrong or missing file with a message that says how to fix it', async () => {
    const wrong = tampered('onnx/model_quantized.onnx', 'not a model')
    await expect(loadPretrained(MODEL, wrong)).rejects.toThrow(PretrainedModelError)
    await expect(loadPretrained(MODEL, wrong)).rejects.toThrow(/model_quantized\.onnx is not the expected file.*npm run model:fetch.*PRETRAINED_EMBEDDER=off/)
    await expect(loadPretrained(MODEL, tampered('vocab.txt', null))).rejects.toThrow(/vocab\.txt is missing/)
  })

  it('embeds Traditional and Simplified, full-width and half-width alike, and keeps meaning apart', async () => {
    const e = await pretrainedEmbedder(MODEL)
    const [trad, simp, wide, other] = await e.embed(['我的包裹怎麼還沒到？', '我的包裹怎么还没到?', '我的包裹怎么还没到？', '优惠券怎么用'])
    expect(e.dims).toBe(512)
    expect(Math.hypot(...trad!)).toBeCloseTo(1, 5)
    expect(dot(trad!, simp!)).toBeGreaterThan(0.999)
    expect(dot(simp!, wide!)).toBeGreaterThan(0.999)
    // Paraphrase closer than an unrelated question.
    const [para] = await e.embed(['快递一直没送到'])
    expect(dot(simp!, para!)).toBeGreaterThan(dot(simp!, other!) + 0.1)
  })

  it('embeds a batch exactly as one text at a time, and cuts a very long message without failing', async () => {
    const e = await pretrainedEmbedder(MODEL)
    const texts = ['退货', '我想问一下退款什么时候到账呢', 'where is my parcel']
    const batch = await e.embed(texts)
    for (const [i, t] of texts.entries()) expect(dot(batch[i]!, (await e.embed([t]))[0]!)).toBeGreaterThan(0.9999)
    const [long] = await e.embed(['我'.repeat(5000)])
    expect(long).toHaveLength(512)
  })

  // The network really off: a child process in a fresh network namespace (no interface but
  // a downed loopback) loads the model and embeds. Linux + root, as in CI; skipped elsewhere.
  const canIsolate = (() => {
    try {
      execFileSync('unshare', ['-n', 'true'], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  })()
  it.runIf(canIsolate)('loads and embeds with no network at all', () => {
    const script = join(scratch, 'offline.mts')
    writeFileSync(
      script,
      `import { pretrainedEmbedder } from ${JSON.stringify(join(root, 'knowledge/embed/pretrained/bge.ts'))}
const e = await pretrainedEmbedder('${MODEL}')
const [v] = await e.embed(['没有网络也能用'])
console.log('dims', v.length)`,
    )
    const out = execFileSync('unshare', ['-n', process.execPath, '--import', 'tsx', script], { cwd: root, encoding: 'utf8', timeout: 60_000 })
    expect(out).toContain('dims 512')
  })
})
