/** /api/v1/kb/search (try a message) and /api/v1/kb/thresholds (read, override). */
import type { Hono } from 'hono'
import { z } from 'zod'
import { recordEvent } from '../../bot/audit.ts'
import { apiRoute } from '../../bot/http/api.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import { loadThresholds, setThresholdOverride } from '../decide/thresholds.ts'
import { search } from '../search/search.ts'

const tag = 'knowledge'
const searchBody = z.object({ text: z.string().max(10_000), limit: z.number().int().min(1).max(20).default(5) })
const overrideBody = z
  .object({ answer: z.number().min(0).max(1), margin: z.number().min(0).max(1), clarify: z.number().min(0).max(1) })
  .partial()
  .refine((t) => t.answer === undefined || t.clarify === undefined || t.clarify <= t.answer, { message: 'clarify must not exceed answer' })
  .nullable()

export function searchRoutes(app: Hono<AppEnv>) {
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/kb/search',
      role: 'agent',
      tag,
      summary: 'Decide for a customer message: answer, clarify or fallback, with the top candidates and why',
      body: searchBody,
    },
    ({ ctx, body }) => search(ctx.db, body.text, { limit: body.limit }),
  )
  apiRoute(
    app,
    { method: 'get', path: '/api/v1/kb/thresholds', role: 'agent', tag, summary: 'Thresholds in force and where they came from' },
    async ({ ctx }) => {
      const r = await ctx.db.query<any>('select target_precision, calibrated, override, calibrated_at from kb_calibration where id = 1')
      return { inForce: await loadThresholds(ctx.db), ...r.rows[0] }
    },
  )
  apiRoute(
    app,
    {
      method: 'put',
      path: '/api/v1/kb/thresholds',
      role: 'admin',
      tag,
      summary: 'Override thresholds (null returns to the calibrated ones)',
      body: z.object({ override: overrideBody }),
    },
    async ({ ctx, body }) => {
      await setThresholdOverride(ctx.db, body.override)
      await recordEvent(ctx.db, ctx.actor, 'kb.thresholds.overridden', { type: 'kb_calibration', id: 1 }, { override: body.override })
      return { inForce: await loadThresholds(ctx.db) }
    },
  )
}
