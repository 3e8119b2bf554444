/**
 * Bulk import (upload the file as the raw body; dry run first) and export, over HTTP.
 * The body limit of the host applies; large imports belong to `kefu kb import`.
 */
import type { Hono } from 'hono'
import { z } from 'zod'
import { apiRoute } from '../../bot/http/api.ts'
import { ValidationError } from '../../bot/errors.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import { importEntries } from '../entries/importEntries.ts'
import { listEntries } from '../entries/store.ts'
import { detectFormat, parseFile, serialise } from '../import/index.ts'
import { reasonInZh } from '../import/reasonsZh.ts'
import { templateRows } from '../import/template.ts'

const tag = 'knowledge'
const formats = ['jsonl', 'csv', 'xlsx', 'markdown', 'text'] as const
const importQuery = z.object({
  filename: z.string().max(200).optional(),
  format: z.enum(formats).optional(),
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  status: z.enum(['draft', 'published']).default('published'),
})
const exportQuery = z.object({ format: z.enum(['jsonl', 'csv', 'xlsx']).default('jsonl') })
const templateQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') })
/** A staff member reading Chinese gets the report's reasons in Chinese; scripts keep English. */
const readsZh = (c: { get(k: 'session'): unknown; get(k: 'locale'): string }) => !!c.get('session') && c.get('locale') === 'zh'
const TYPES = { jsonl: 'application/x-ndjson', csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }

export function transferRoutes(app: Hono<AppEnv>) {
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/kb/import',
      role: 'supervisor',
      tag,
      summary:
        'Import a file sent as the raw body (dry run by default: new / changed / unchanged / rejected, by position: `unit` row = the spreadsheet row for CSV and XLSX, line = the file line otherwise)',
      query: importQuery,
    },
    async ({ ctx, query, c }) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer())
      if (bytes.length === 0) throw new ValidationError('The file is empty.')
      const format = query.format ?? detectFormat(query.filename ?? '', bytes)
      const parsed = await parseFile(bytes, format)
      const report = await importEntries({ ctx, rows: parsed.rows, rejected: parsed.rejected, dryRun: query.dryRun, defaultStatus: query.status })
      const zh = readsZh(c)
      return {
        ...report,
        unit: format === 'csv' || format === 'xlsx' ? 'row' : 'line',
        rejected: report.rejected.map((r) => (zh ? { ...r, reason: reasonInZh(r.reason) } : r)),
      }
    },
  )
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/kb/import/template',
      role: 'supervisor',
      tag,
      summary: 'A file to fill in and import: the header row and two example entries, in the caller’s language',
      query: templateQuery,
    },
    async ({ query, c }) => {
      const locale = c.get('locale') === 'en' ? 'en' : 'zh'
      c.header('Content-Type', TYPES[query.format])
      c.header('Content-Disposition', `attachment; filename="kefu-import-template-${locale}.${query.format}"`)
      return c.body(new Uint8Array(await serialise(templateRows(locale), query.format)))
    },
  )
  apiRoute(
    app,
    { method: 'get', path: '/api/v1/kb/export', role: 'agent', tag, summary: 'Export every entry as JSONL, CSV or XLSX', query: exportQuery },
    async ({ ctx, query, c }) => {
      const { items } = await listEntries(ctx.db, { limit: 1_000_000, offset: 0 })
      const rows = items
        .map((e) => ({
          id: e.id,
          question: e.question,
          similarQuestions: e.similarQuestions,
          answer: e.answer,
          categoryPath: e.categoryPath,
          tags: e.tags,
          status: e.status,
        }))
        .sort((a, b) => (a.id < b.id ? -1 : 1))
      c.header('Content-Type', TYPES[query.format])
      c.header('Content-Disposition', `attachment; filename="kefu-knowledge.${query.format}"`)
      return c.body(new Uint8Array(await serialise(rows, query.format)))
    },
  )
}
