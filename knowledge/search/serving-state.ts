/**
 * What every search needs besides the query itself — thresholds in force, the active
 * embedder, the keyword collection size — cached per database handle under the KB
 * version (kb-version.ts, held in memory and signalled when it moves); it is re-read only
 * after some instance changed the index, the entries or the thresholds.
 */
import type { Db } from '../../bot/db/client.ts'
import { activeEmbedder, type ActiveEmbedder, type EmbedderSecrets } from '../embed/registry.ts'
import { loadThresholds } from '../decide/thresholds.ts'
import type { Thresholds } from '../decide/tiers.ts'
import { readKbVersion } from './kb-version.ts'

export interface ServingState {
  version: number
  thresholds: Thresholds
  active: ActiveEmbedder | null
  /** The pretrained embedder beside it, when its vectors are built (fused in by search). */
  dense: ActiveEmbedder | null
  /** Questions in the keyword index (question-level idf, for keyword candidates). */
  docs: number
  /** Entries in the keyword index, and their mean length (entry-level BM25: all questions together). */
  entries: number
  avgEntryLen: number
  /**
   * performance.now() at which some entry starts or stops being live by its valid_from /
   * valid_to (Infinity when none will): what a search returns changes then without a
   * version bump, so the state — and the rankings remembered on it — is reloaded.
   */
  freshUntil: number
}

// Keyed by the database, not the handle: a transaction's handle is new every time.
const states = new WeakMap<object, ServingState>()

/** The state in force if one is loaded, without loading one (which needs the embedder's secrets). */
export async function loadedServingState(db: Db): Promise<ServingState | null> {
  return inForce(db, await readKbVersion(db))
}

function inForce(db: Db, version: number): ServingState | null {
  const hit = states.get(db.key)
  return hit && hit.version === version && performance.now() < hit.freshUntil ? hit : null
}

export async function servingState(db: Db, secrets: EmbedderSecrets = {}): Promise<ServingState> {
  const version = await readKbVersion(db)
  const hit = inForce(db, version)
  if (hit) return hit
  // Read after the version: a change landing in between is cached under the older
  // number, so the next search sees the number move and reloads (never the reverse).
  // One after another: inside a transaction they share one connection.
  const thresholds = await loadThresholds(db)
  const active = await activeEmbedder(db, secrets)
  const dense = await activeEmbedder(db, secrets, 'dense')
  const stats = await db.query<{ docs: number; total_len: number; entries: number }>('select docs, total_len, entries from kb_keyword_stats where id = 1')
  const total = Number(stats.rows[0]?.total_len ?? 0)
  const docs = Number(stats.rows[0]?.docs ?? 0)
  const entries = Number(stats.rows[0]?.entries ?? 0)
  const freshUntil = performance.now() + (await msToNextLiveChange(db))
  const state = { version, thresholds, active, dense, docs, entries, avgEntryLen: entries > 0 ? total / entries || 1 : 1, freshUntil }
  states.set(db.key, state)
  return state
}

/**
 * Milliseconds until the next valid_from / valid_to of any entry, by the database's clock
 * (the one search-sql's LIVE compares with), so a skewed app clock does not matter.
 */
async function msToNextLiveChange(db: Db): Promise<number> {
  const r = await db.query<{ ms: number | null }>(
    `select extract(epoch from least(
       (select min(valid_from) from kb_entries where valid_from > now()),
       (select min(valid_to) from kb_entries where valid_to > now())) - now()) * 1000 as ms`,
  )
  const ms = r.rows[0]?.ms
  return ms == null ? Number.POSITIVE_INFINITY : Math.max(0, Number(ms))
}
