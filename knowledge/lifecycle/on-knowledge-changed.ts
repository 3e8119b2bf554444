/**
 * What to call after entries change (created, edited, published, deleted):
 *
 *   onKnowledgeChanged(db, entryIds)  — in the request, after the edit committed
 *   recalibrateIfStale(db)            — in a background job (debounced: one run covers
 *                                       every edit since the last calibration)
 *
 * Design: the edit must be searchable at once, so the entries are re-indexed in-line
 * (keyword rows, question vectors, a centroid entry vector — tens of ms even at 100k
 * entries) and the KB version moves, so every instance's next search sees it. The
 * thresholds are NOT recomputed in the request: calibration scores thousands of held-out
 * questions (seconds), and one edited entry barely moves the score distribution, so the
 * thresholds in force stay valid until the job replaces them. The state row records that
 * they are stale and how many entries changed since, for the admin panel.
 * A change touching more than REBUILD_ABOVE entries is better served by a full rebuild
 * (which also relearns the term statistics and trains entry vectors): the return value
 * says so, and the caller schedules rebuildIndex + calibrate.
 */
import type { Db } from '../../bot/db/client.ts'
import { calibrate } from '../decide/calibrate.ts'
import type { Fit } from '../decide/fit.ts'
import type { EmbedderSecrets } from '../embed/registry.ts'
import { indexEntries } from '../search/index-entries.ts'

export const REBUILD_ABOVE = 500

export interface ChangeOutcome {
  /** Entries re-indexed in-line (0 when a rebuild is needed instead). */
  indexed: number
  /** The background work the caller should schedule. */
  next: 'recalibrate' | 'rebuild'
}

export async function onKnowledgeChanged(db: Db, entryIds: string[], secrets: EmbedderSecrets = {}): Promise<ChangeOutcome> {
  const ids = [...new Set(entryIds)]
  if (ids.length === 0) return { indexed: 0, next: 'recalibrate' }
  await markStale(db, ids.length)
  if (ids.length > REBUILD_ABOVE) return { indexed: 0, next: 'rebuild' }
  await indexEntries(db, ids, secrets)
  return { indexed: ids.length, next: 'recalibrate' }
}

/** Recalibrates when some edit made the thresholds stale; otherwise does nothing (null). */
export async function recalibrateIfStale(db: Db, opts: { targetPrecision?: number } = {}): Promise<Fit | null> {
  const r = await db.query<{ calibration_stale: boolean }>('select calibration_stale from kb_index_state where id = 1')
  if (!r.rows[0]?.calibration_stale) return null
  return calibrate(db, opts)
}

export async function calibrationStatus(db: Db): Promise<{ stale: boolean; editsSince: number; calibratedAt: Date | null }> {
  const r = await db.query<{ calibration_stale: boolean; edits_since_calibration: number; calibrated_at: Date | null }>(
    `select s.calibration_stale, s.edits_since_calibration, c.calibrated_at
       from kb_index_state s cross join kb_calibration c where s.id = 1 and c.id = 1`,
  )
  const row = r.rows[0]
  return { stale: !!row?.calibration_stale, editsSince: Number(row?.edits_since_calibration ?? 0), calibratedAt: row?.calibrated_at ?? null }
}

async function markStale(db: Db, n: number): Promise<void> {
  await db.query('update kb_index_state set calibration_stale = true, edits_since_calibration = edits_since_calibration + $1 where id = 1', [n])
}
