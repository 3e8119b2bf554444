/** Thresholds in force: an admin override wins over the calibrated ones, else defaults. */
import type { Db } from '../../bot/db/client.ts'
import { bumpKbVersion } from '../search/kb-version.ts'
import { DEFAULT_THRESHOLDS, effective, type Thresholds } from './tiers.ts'

export async function loadThresholds(db: Db): Promise<Thresholds> {
  const r = await db.query<{ calibrated: any; override: any }>('select calibrated, override from kb_calibration where id = 1')
  const row = r.rows[0]
  if (row?.override) return { ...DEFAULT_THRESHOLDS, ...pick(row.calibrated), ...pick(row.override), source: 'override' }
  if (row?.calibrated) return withGuardrails({ ...DEFAULT_THRESHOLDS, ...pick(row.calibrated), source: 'calibrated' })
  return DEFAULT_THRESHOLDS
}

/** What decide() really applies to learned thresholds, so every screen shows what is in force. */
function withGuardrails(t: Thresholds): Thresholds {
  return { ...t, ...effective(t) }
}

/** Admin override; null clears it. Partial: unset fields keep the calibrated values. */
export async function setThresholdOverride(db: Db, t: Partial<Pick<Thresholds, 'answer' | 'margin' | 'clarify'>> | null) {
  await db.query('update kb_calibration set override = $1 where id = 1', [t ? JSON.stringify(pick(t)) : null])
  await bumpKbVersion(db)
}

function pick(t: any): Partial<Thresholds> {
  const out: Partial<Thresholds> = {}
  for (const k of ['answer', 'margin', 'clarify'] as const) if (typeof t?.[k] === 'number') out[k] = t[k]
  return out
}
