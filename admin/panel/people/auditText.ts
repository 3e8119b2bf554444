/**
 * An audit row in words for the log page: the action's name, who (a staff member by name, a
 * customer, the system), the subject ("工单 T20261203-0001"), and the details as "label: value"
 * pairs — staff ids become names, lists are joined, a deleted entry's snapshot is its question.
 * The raw JSON stays one click away for anyone who needs the exact record.
 */
import { t, type Locale } from '../../ui/i18n.ts'

const STAFF_KEYS = new Set(['toAgentId', 'assigneeId', 'agentId', 'fromAgent'])

/** A code in words when we have them ("audit.act.ticket.created"), else the code itself. */
function word(locale: Locale, key: string, fallback: string, vars?: Record<string, string>) {
  const text = t(locale, key, vars)
  return text === key ? fallback : text
}

export const actionText = (locale: Locale, action: string) => word(locale, `audit.act.${action}`, action)

export function actorText(locale: Locale, r: { actorType: string; actorId: string | null; actorName: string | null }) {
  if (r.actorName) return r.actorName
  return word(locale, `audit.who.${r.actorType}`, `${r.actorType}:${r.actorId ?? ''}`, { id: r.actorId ?? '' })
}

export const subjectText = (locale: Locale, type: string, id: string | null) => `${word(locale, `audit.subj.${type}`, type)}${id ? ` ${id}` : ''}`

function value(locale: Locale, key: string, v: unknown, names: Map<string, string>): string {
  if (v === null || v === undefined || v === '') return '—'
  if (STAFF_KEYS.has(key) && (typeof v === 'number' || typeof v === 'string')) return names.get(String(v)) ?? `#${v}`
  if (typeof v === 'boolean') return t(locale, v ? 'audit.yes' : 'audit.no')
  if (Array.isArray(v)) return v.map((x) => value(locale, key, x, names)).join(locale === 'zh' ? '、' : ', ')
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>
    if (typeof o.question === 'string') return o.question // an entry's snapshot
    return JSON.stringify(v).slice(0, 120)
  }
  if (typeof v === 'string' && (key === 'role' || key === 'from' || key === 'to')) {
    const role = t(locale, `role.${v}`) // a role change says 坐席 → 主管, not agent → supervisor
    if (role !== `role.${v}`) return role
  }
  return String(v).slice(0, 200)
}

/** jsonb keeps keys in its own order; "from" reads before "to". */
const FIRST = ['from', 'to']
const rank = (k: string) => (FIRST.includes(k) ? FIRST.indexOf(k) : FIRST.length)

export function detailPairs(locale: Locale, data: Record<string, unknown>, names: Map<string, string>): [string, string][] {
  return Object.entries(data)
    .filter(([, v]) => v !== undefined && v !== null)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([k, v]) => [word(locale, `audit.k.${k}`, k), value(locale, k, v, names)])
}

/** The staff ids the details mention, to look their names up once per page. */
export function staffIdsIn(rows: { data: Record<string, unknown> }[]): number[] {
  const ids = new Set<number>()
  for (const r of rows) for (const [k, v] of Object.entries(r.data)) if (STAFF_KEYS.has(k) && Number.isSafeInteger(Number(v))) ids.add(Number(v))
  return [...ids]
}
