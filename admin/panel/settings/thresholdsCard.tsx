/** The thresholds card: what is in force, what calibration found, and the override form with its what-if. */
import type { Locale } from '../../ui/i18n.ts'
import type { Thresholds } from '../../../knowledge/decide/tiers.ts'
import { t } from '../shell.tsx'

export interface CalibrationRow {
  target_precision: number | null
  calibrated:
    | (Partial<Thresholds> & { examples?: { positives?: number; negatives?: number } | unknown[]; expected?: { answerRate: number; precision: number } })
    | null
  override: Partial<Thresholds> | null
  calibrated_at: Date | string | null
}

// Calibration writes 1.01 for "never" (no score reaches it); the form's inputs stop at 1.
const fmt = (x: number | undefined) => (typeof x === 'number' ? x.toFixed(3) : '—')
const pct = (x: number | undefined) => (typeof x === 'number' ? `${(x * 100).toFixed(1)}%` : '—')

export function ThresholdsCard({
  locale,
  inForce,
  row,
  when,
}: {
  locale: Locale
  inForce: Thresholds
  row: CalibrationRow | undefined
  when: (d: Date | string | null | undefined) => string
}) {
  const l = (k: string, v?: Record<string, string | number>) => t(locale, k, v)
  const cal = row?.calibrated
  const ex = cal?.examples
  const counts = Array.isArray(ex) ? { positives: ex.filter((e: any) => !e.negative).length, negatives: ex.filter((e: any) => e.negative).length } : ex
  const field = (name: 'answer' | 'margin' | 'clarify') => (
    <label>
      {l(`set.${name}`)}
      <input type="number" name={name} min="0" max="1" step="0.005" required value={Math.min(1, inForce[name]).toFixed(3)} data-testid={`th-${name}`} />
      <span class="field-error" />
    </label>
  )
  return (
    <section class="card" data-testid="thresholds-card">
      <h2>{l('set.thresholds')}</h2>
      <p class="muted">{l('set.thresholds.intro')}</p>
      <table class="compact">
        <thead>
          <tr>
            <th></th>
            <th>{l('set.answer')}</th>
            <th>{l('set.margin')}</th>
            <th>{l('set.clarify')}</th>
            <th>{l('set.source')}</th>
          </tr>
        </thead>
        <tbody>
          <tr data-testid="th-in-force">
            <th>{l('set.inForce')}</th>
            <td>{fmt(inForce.answer)}</td>
            <td>{fmt(inForce.margin)}</td>
            <td>{fmt(inForce.clarify)}</td>
            <td>{l(`panel.src.${inForce.source}`)}</td>
          </tr>
          {cal && (
            <tr>
              <th>{l('set.calibrated')}</th>
              <td>{fmt(cal.answer)}</td>
              <td>{fmt(cal.margin)}</td>
              <td>{fmt(cal.clarify)}</td>
              <td>{l('panel.src.calibrated')}</td>
            </tr>
          )}
        </tbody>
      </table>
      <p class="muted small">
        {cal
          ? l('set.calibrated.detail', {
              target: pct(Number(row?.target_precision ?? NaN)),
              pos: counts?.positives ?? 0,
              neg: counts?.negatives ?? 0,
              rate: pct(cal.expected?.answerRate),
              precision: pct(cal.expected?.precision),
              at: when(row?.calibrated_at),
            })
          : l('set.calibrated.none')}
      </p>
      {cal && (cal.answer ?? 0) > 1 && (
        <p class="caution" data-testid="never-answers">
          {l('set.calibrated.neverAnswers', { pos: counts?.positives ?? 0 })}
        </p>
      )}
      <form id="thresholds-form" novalidate data-testid="thresholds-form">
        <h3>{l('set.override')}</h3>
        <div class="row">
          {field('answer')}
          {field('margin')}
          {field('clarify')}
        </div>
        <div id="whatif" class="whatif" aria-live="polite" data-testid="whatif">
          <h3>{l('set.whatif')}</h3>
          <table class="compact">
            <thead>
              <tr>
                <th>{l('set.whatif.col')}</th>
                <th>{l('set.whatif.now')}</th>
                <th>{l('set.whatif.proposed')}</th>
              </tr>
            </thead>
            <tbody>
              {(['answered', 'precision', 'clarified', 'fellBack', 'wrongUncovered'] as const).map((k) => (
                <tr data-metric={k}>
                  <th>{l(`set.whatif.${k === 'clarified' ? 'clarify' : k === 'fellBack' ? 'fallback' : k}`)}</th>
                  <td class="now">—</td>
                  <td class="proposed">—</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p
            class="muted small basis"
            data-basis={l('set.whatif.basis')}
            data-src-calibration={l('set.whatif.src.calibration')}
            data-src-search={l('set.whatif.src.search')}
            data-empty={l('set.whatif.empty')}
          ></p>
        </div>
        <div class="error" role="alert" hidden></div>
        <div class="notice" role="status" hidden></div>
        <div class="form-actions">
          <button type="submit" data-testid="save-override" data-confirm-text={l('set.saveOverride.confirm')}>
            {l('set.saveOverride')}
          </button>
          {row?.override && (
            <button type="button" class="secondary" id="clear-override" data-confirm-text={l('set.clearOverride.confirm')}>
              {l('set.clearOverride')}
            </button>
          )}
        </div>
      </form>
    </section>
  )
}
