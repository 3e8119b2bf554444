/**
 * The entry list's query string → filter, sort and page. The store filters; sorting by any
 * column happens here, over the filtered set (a curated knowledge base is thousands of
 * entries at most, and the store only orders by last update).
 */
import { z } from 'zod'
import type { Db } from '../../../bot/db/client.ts'
import type { Entry } from '../../../knowledge/entries/schema.ts'
import { listEntries } from '../../../knowledge/entries/store.ts'

export const SORTS = ['updated', 'question', 'category', 'status', 'version'] as const
export const PAGE_SIZE = 50
const MAX_SCAN = 20_000

const blankToUndefined = (v: unknown) => (v === '' ? undefined : v)
export const listParams = z.object({
  q: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
  category: z.preprocess(blankToUndefined, z.string().max(100).optional()),
  tag: z.preprocess(blankToUndefined, z.string().max(50).optional()),
  status: z.preprocess(blankToUndefined, z.enum(['draft', 'published']).optional()),
  owner: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
  sort: z.enum(SORTS).catch('updated'),
  dir: z.enum(['asc', 'desc']).catch('desc'),
  page: z.coerce.number().int().min(1).catch(1),
})
export type ListParams = z.infer<typeof listParams>

const key: Record<(typeof SORTS)[number], (e: Entry) => string | number> = {
  updated: (e) => e.updatedAt.getTime(),
  question: (e) => e.question,
  category: (e) => e.categoryPath.join('/'),
  status: (e) => e.status,
  version: (e) => e.version,
}

export async function queryEntries(db: Db, p: ListParams): Promise<{ items: Entry[]; total: number }> {
  const { items, total } = await listEntries(db, { q: p.q, category: p.category, tag: p.tag, status: p.status, ownerId: p.owner, limit: MAX_SCAN, offset: 0 })
  const k = key[p.sort]
  const sign = p.dir === 'asc' ? 1 : -1
  const sorted = [...items].sort((a, b) => {
    const x = k(a)
    const y = k(b)
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-Hans-CN')
    return sign * c || (a.id < b.id ? -1 : 1)
  })
  return { items: sorted.slice((p.page - 1) * PAGE_SIZE, p.page * PAGE_SIZE), total }
}

/** The same list with one parameter changed, as a link. */
export function withParam(p: ListParams, change: Partial<ListParams>): string {
  const merged = { ...p, ...change }
  const qs = new URLSearchParams()
  for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) qs.set(k, String(v))
  return `/admin/knowledge?${qs}`
}
