/**
 * Embedder rows in kb_embedders: registering one (with its own HNSW indexes), making
 * one active, and turning the active row back into an Embedder. The local model is
 * stored with its row, so every process embeds with exactly what the index was built with.
 */
import type { Db } from '../../bot/db/client.ts'
import { fnv1a } from './hash.ts'
import { localEmbedder } from './local.ts'
import type { LocalModel } from './model.ts'
import { openaiEmbedder, type OpenAIEmbedderConfig } from './openai.ts'
import type { Embedder } from './types.ts'
import { checkEmbedderId } from './vector-sql.ts'
import { addTerms } from '../text/segment.ts'

export interface EmbedderSecrets {
  openaiApiKey?: string
}

export interface ActiveEmbedder {
  id: string
  embedder: Embedder
  model: LocalModel | null
}

export async function registerEmbedder(
  db: Db,
  e: { id: string; kind: 'local' | 'openai'; dims: number; config: object; model?: Uint8Array },
): Promise<void> {
  const id = checkEmbedderId(e.id)
  await db.query(
    `insert into kb_embedders (id, kind, dims, config, model) values ($1, $2, $3, $4, $5)
     on conflict (id) do update set state = 'building', progress_done = 0`,
    [id, e.kind, e.dims, JSON.stringify(e.config), e.model ?? null],
  )
  // One partial HNSW index per embedder and table: the dimension is fixed per embedder.
  const tag = fnv1a(id).toString(16)
  const lit = id.replace(/'/g, "''")
  for (const [table, name] of [['kb_question_vectors', 'kbqv'], ['kb_entry_vectors', 'kbev']] as const) {
    await db.exec(`create index if not exists ${name}_${tag} on ${table}
      using hnsw ((embedding::vector(${e.dims})) vector_ip_ops) where embedder_id = '${lit}'`)
  }
}

/** Makes a fully built embedder the one that answers; older ones are retired and dropped. */
export async function activateEmbedder(db: Db, id: string): Promise<void> {
  const old = await db.transaction(async (tx) => {
    const prev = await tx.query<{ id: string }>(`select id from kb_embedders where id <> $1 and state <> 'retired'`, [id])
    await tx.query(`update kb_embedders set active = false, state = 'retired' where id <> $1`, [id])
    await tx.query(`update kb_embedders set active = true, state = 'ready', ready_at = now() where id = $1`, [id])
    return prev.rows.map((r) => r.id)
  })
  for (const o of old) await dropEmbedder(db, o)
  cache = null
}

export async function dropEmbedder(db: Db, id: string): Promise<void> {
  const tag = fnv1a(checkEmbedderId(id)).toString(16)
  await db.exec(`drop index if exists kbqv_${tag}; drop index if exists kbev_${tag}`)
  await db.query('delete from kb_embedders where id = $1', [id])
}

let cache: ActiveEmbedder | null = null

/** The answering embedder, rebuilt from its row only when the active id changes. */
export async function activeEmbedder(db: Db, secrets: EmbedderSecrets = {}): Promise<ActiveEmbedder | null> {
  const r = await db.query<{ id: string }>('select id from kb_embedders where active')
  const id = r.rows[0]?.id
  if (!id) return null
  if (cache?.id === id) return cache
  return (cache = await loadEmbedder(db, id, secrets))
}

export async function loadEmbedder(db: Db, id: string, secrets: EmbedderSecrets = {}): Promise<ActiveEmbedder> {
  const r = await db.query<{ kind: string; config: any; model: Uint8Array | null }>(
    'select kind, config, model from kb_embedders where id = $1',
    [id],
  )
  const row = r.rows[0]
  if (!row) throw new Error(`unknown embedder ${id}`)
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
