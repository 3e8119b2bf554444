/**
 * Small charts drawn on the server as inline SVG: no chart library, nothing to download,
 * readable without JavaScript, and every bar is a link to the conversations behind it.
 * Sizes are in viewBox units; the SVG scales to its card's width.
 */

export interface DayPoint {
  day: string
  count: number
  href: string
}

const W = 720
const H = 180
const PAD = { left: 34, right: 8, top: 12, bottom: 26 }

/** Conversations per day as vertical bars, with the largest value and a few dates marked. */
export function DayBars({ points, label }: { points: DayPoint[]; label: string }) {
  const max = Math.max(1, ...points.map((p) => p.count))
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const slot = plotW / Math.max(1, points.length)
  const every = Math.max(1, Math.ceil(points.length / 8)) // at most ~8 date labels
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="chart-per-day">
      <line class="axis" x1={PAD.left} y1={PAD.top + plotH} x2={W - PAD.right} y2={PAD.top + plotH} />
      <line class="grid" x1={PAD.left} y1={PAD.top} x2={W - PAD.right} y2={PAD.top} />
      <text class="tick" x={PAD.left - 6} y={PAD.top + 4} text-anchor="end">
        {String(max)}
      </text>
      <text class="tick" x={PAD.left - 6} y={PAD.top + plotH} text-anchor="end">
        0
      </text>
      {points.map((p, i) => {
        const h = (p.count / max) * plotH
        const x = PAD.left + i * slot + slot * 0.15
        return (
          <a href={p.href} data-day={p.day} data-count={String(p.count)}>
            <title>{`${p.day}: ${p.count}`}</title>
            <rect
              class="bar"
              x={x.toFixed(1)}
              y={(PAD.top + plotH - h).toFixed(1)}
              width={(slot * 0.7).toFixed(1)}
              height={Math.max(h, p.count ? 1 : 0).toFixed(1)}
            />
            {/* an invisible full-height target keeps short bars easy to click */}
            <rect class="hit" x={(PAD.left + i * slot).toFixed(1)} y={PAD.top} width={slot.toFixed(1)} height={plotH} />
            {i % every === 0 && (
              <text class="tick" x={(x + slot * 0.35).toFixed(1)} y={H - 8} text-anchor="middle">
                {p.day.slice(5)}
              </text>
            )}
          </a>
        )
      })}
    </svg>
  )
}

export interface Part {
  value: number
  cls: string
  label: string
}

/** One stacked horizontal bar (e.g. satisfied / basic / dissatisfied); empty when nothing was counted. */
export function StackBar({ parts, label }: { parts: Part[]; label: string }) {
  const total = parts.reduce((a, p) => a + p.value, 0)
  let x = 0
  return (
    <svg class="stack" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label={label}>
      <rect class="track" x="0" y="0" width="100" height="8" rx="2" />
      {total > 0 &&
        parts.map((p) => {
          const w = (p.value / total) * 100
          const rect = (
            <rect class={p.cls} x={x.toFixed(2)} y="0" width={w.toFixed(2)} height="8">
              <title>{`${p.label}: ${p.value}`}</title>
            </rect>
          )
          x += w
          return rect
        })}
    </svg>
  )
}

export interface HRow {
  label: string
  value: number
  href: string
  note?: string
  cls?: string
}

/** Ranked rows with a bar each (top questions, top unanswered, lowest rated). */
export function HBars({ rows, empty, testid, max }: { rows: HRow[]; empty: string; testid: string; max?: number }) {
  if (rows.length === 0) return <p class="muted">{empty}</p>
  const top = max ?? Math.max(1, ...rows.map((r) => r.value))
  return (
    <ol class="hbars" data-testid={testid}>
      {rows.map((r) => (
        <li>
          <a href={r.href}>
            <span class="hb-label">{r.label}</span>
            <span class="hb-value">{r.note ?? String(r.value)}</span>
            <svg class="hb-bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true">
              <rect class="track" x="0" y="0" width="100" height="4" />
              <rect class={r.cls ?? 'bar'} x="0" y="0" width={((r.value / top) * 100).toFixed(2)} height="4" />
            </svg>
          </a>
        </li>
      ))}
    </ol>
  )
}
