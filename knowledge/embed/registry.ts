/**
 * Embedder rows in kb_embedders: registering one, making
 * one active, and turning the active row back into an Embedder. The local model is
 * stored with its row, so every process embeds with exactly what the index was built with.
 */
import type { Db } from '../../bot/db/client.ts'
import { localEmbedder } from './local.ts'
import type { LocalModel } from './model.ts'
import { openaiEmbedder, type OpenAIEmbedderConfig } from './openai.ts'
import { pretrainedEmbedder } from './pretrained/bge.ts'
import { PRETRAINED_MODELS, type PretrainedModelId } from './pretrained/files.ts'
import type { Embedder } from './types.ts'
import { checkEmbedderId } from './vector-sql.ts'
import { dropVectorIndex } from './vector-index.ts'
import { bumpKbVersion } from '../search/kb-version.ts'
import { addTerms } from '../text/segment.ts'

export interface EmbedderSecrets {
  openaiApiKey?: string
}

export interface ActiveEmbedder {
  id: string
  embedder: Embedder
  model: LocalModel | null
}

/** primary: local or openai, the one every search needs; dense: the pretrained model beside it. */
export type EmbedderRole = 'primary' | 'dense'

export async function registerEmbedder(
  db: Db,
  e: { id: string; kind: 'local' | 'openai' | 'pretrained'; dims: number; config: object; model?: Uint8Array; role?: EmbedderRole },
): Promise<void> {
  const id = checkEmbedderId(e.id)
  await db.query(
    `insert into kb_embedders (id, kind, dims, config, model, role) values ($1, $2, $3, $4, $5, $6)
     on conflict (id) do update set state = 'building', progress_done = 0, config = excluded.config, model = excluded.model`,
    [id, e.kind, e.dims, JSON.stringify(e.config), e.model ?? null, e.role ?? 'primary'],
  )
  decoded.get(db)?.clear()
  // Its HNSW index is built once its vectors are written (createVectorIndex).
}

/** Makes a fully built embedder the one that answers in its role; older ones of that role are retired and dropped. */
export async function activateEmbedder(db: Db, id: string): Promise<void> {
  const old = await db.transaction(async (tx) => {
    const same = `id <> $1 and role = (select role from kb_embedders where id = $1)`
    const prev = await tx.query<{ id: string }>(`select id from kb_embedders where ${same} and state <> 'retired'`, [id])
    await tx.query(`update kb_embedders set active = false, state = 'retired' where ${same}`, [id])
    await tx.query(`update kb_embedders set active = true, state = 'ready', ready_at = now() where id = $1`, [id])
    return prev.rows.map((r) => r.id)
  })
  for (const o of old) await dropEmbedder(db, o)
  await bumpKbVersion(db)
}

export async function dropEmbedder(db: Db, id: string): Promise<void> {
  await dropVectorIndex(db, id)
  await db.query('delete from kb_embedders where id = $1', [id])
}

/** The answering embedder of a role (decoded once per embedder id, see cachedEmbedder). */
export async function activeEmbedder(db: Db, secrets: EmbedderSecrets = {}, role: EmbedderRole = 'primary'): Promise<ActiveEmbedder | null> {
  const r = await db.query<{ id: string }>('select id from kb_embedders where active and role = $1', [role])
  const id = r.rows[0]?.id
  return id ? cachedEmbedder(db, id, secrets) : null
}

// A local embedder's id names its learned model, so a decoded one never goes stale; an
// openai one is named by model and size only, so the cache is per database handle (the
// same id may point at another endpoint elsewhere) and dropped when the id is registered
// again. Kept small: at most a few embedders are alive at once.
const decoded = new WeakMap<Db, Map<string, ActiveEmbedder>>()

export async function cachedEmbedder(db: Db, id: string, secrets: EmbedderSecrets = {}): Promise<ActiveEmbedder> {
  const key = `${id}\u0000${secrets.openaiApiKey ?? ''}`
  let m = decoded.get(db)
  if (!m) decoded.set(db, (m = new Map()))
  const hit = m.get(key)
  if (hit) return hit
  const e = await loadEmbedder(db, id, secrets)
  if (m.size >= 4) m.delete(m.keys().next().value!)
  m.set(key, e)
  return e
}

export async function loadEmbedder(db: Db, id: string, secrets: EmbedderSecrets = {}): Promise<ActiveEmbedder> {
  const r = await db.query<{ kind: string; config: any; model: Uint8Array | null }>('select kind, config, model from kb_embedders where id = $1', [id])
  const row = r.rows[0]
  if (!row) throw new Error(`unknown embedder ${id}`)
  if (row.kind === 'pretrained') {
    const name = row.config?.model as PretrainedModelId
    if (!PRETRAINED_MODELS.includes(name)) throw new Error(`embedder ${id} names an unknown pretrained model ${String(name)}`)
    return { id, embedder: { ...(await pretrainedEmbedder(name)), id }, model: null }
  }
  if (row.kind === 'local') {
    const model = decodeModel(row.config, row.model!)
    addTerms(model.terms)
    return { id, embedder: localEmbedder(model, id), model }
  }
  const cfg = { ...(row.config as OpenAIEmbedderConfig), apiKey: secrets.openaiApiKey ?? 'unset' }
  return { id, embedder: { ...openaiEmbedder(cfg), id }, model: null }
}

export function encodeModel(m: LocalModel): { config: object; model: Uint8Array } {
  const { df, ...rest } = m
  return { config: rest, model: new Uint8Array(df.buffer, df.byteOffset, df.byteLength) }
}

export function decodeModel(config: any, bytes: Uint8Array): LocalModel {
  const copy = new Uint8Array(bytes) // aligned copy: Float32Array needs a 4-byte offset
  return { ...config, df: new Float32Array(copy.buffer, 0, copy.byteLength / 4) }
}
