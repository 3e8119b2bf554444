/** What changed between two versions of an entry: per field, and inside text by character. */

export type Segment = { kind: 'same' | 'del' | 'ins'; text: string }
export interface FieldChange {
  field: string
  before: string
  after: string
  segments: Segment[]
}

const FIELDS = ['question', 'similarQuestions', 'answer', 'answerExtras', 'channelAnswers', 'categoryPath', 'tags', 'status', 'validFrom', 'validTo', 'ownerId']
/** Above this many character pairs the LCS table costs too much; show a whole replacement. */
const MAX_CELLS = 2_000_000

/** A field's value as the history shows it: lists one per line, objects as JSON. */
export function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return ''
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string') ? v.join('\n') : JSON.stringify(v)
  if (typeof v === 'object') return Object.keys(v as object).length ? JSON.stringify(v, null, 1) : ''
  return String(v)
}

export function diffSnapshots(before: Record<string, unknown> | null, after: Record<string, unknown>): FieldChange[] {
  const out: FieldChange[] = []
  for (const field of FIELDS) {
    const a = before ? show(before[field]) : ''
    const b = show(after[field])
    if (a !== b) out.push({ field, before: a, after: b, segments: diffText(a, b) })
  }
  return out
}

export function diffText(a: string, b: string): Segment[] {
  const x = [...a]
  const y = [...b]
  if (x.length * y.length > MAX_CELLS) return [...(a ? [{ kind: 'del' as const, text: a }] : []), ...(b ? [{ kind: 'ins' as const, text: b }] : [])]
  // lcs[i][j] = length of the longest common subsequence of x[i..] and y[j..]
  const lcs = Array.from({ length: x.length + 1 }, () => new Uint32Array(y.length + 1))
  for (let i = x.length - 1; i >= 0; i--)
    for (let j = y.length - 1; j >= 0; j--) lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
  const out: Segment[] = []
  const push = (kind: Segment['kind'], ch: string) => {
    const last = out[out.length - 1]
    if (last?.kind === kind) last.text += ch
    else out.push({ kind, text: ch })
  }
  let i = 0
  let j = 0
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      push('same', x[i]!)
      i++
      j++
    } else if (j < y.length && (i === x.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) push('ins', y[j++]!)
    else push('del', x[i++]!)
  }
  return out
}
