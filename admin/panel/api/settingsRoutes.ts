/**
 * /api/v1/panel/settings (the run-time settings an admin edits, read and saved together)
 * and /api/v1/panel/what-if (a proposed threshold judged on the calibration examples).
 */
import type { Hono } from 'hono'
import { z } from 'zod'
import { apiRoute } from '../../../bot/http/api.ts'
import { parseInput } from '../../../bot/http/json.ts'
import type { AppEnv } from '../../../bot/http/types.ts'
import { getSetting, setSetting, settingSchemas, type SettingKey } from '../../../bot/settings.ts'
import { loadThresholds } from '../../../knowledge/decide/thresholds.ts'
import { whatIfExamples } from '../settings/examples.ts'
import { outcome } from '../settings/whatIf.ts'

const tag = 'panel'
const KEYS = Object.keys(settingSchemas) as SettingKey[]
const settingsBody = z.object(settingSchemas).partial().strict()
const unit = z.coerce.number().min(0).max(1)
const whatIfQuery = z
  .object({ answer: unit, margin: unit, clarify: unit })
  .refine((t) => t.clarify <= t.answer, { message: 'clarify must not exceed answer', path: ['clarify'] })

export async function readSettings(db: Parameters<typeof getSetting>[0]) {
  return Object.fromEntries(await Promise.all(KEYS.map(async (k) => [k, await getSetting(db, k)] as const)))
}

export function settingsRoutes(app: Hono<AppEnv>) {
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/panel/settings',
      role: 'admin',
      tag,
      summary: 'Run-time settings (handoff keywords, office hours, wait timeout …) with their defaults filled in',
    },
    ({ ctx }) => readSettings(ctx.db),
  )
  apiRoute(
    app,
    {
      method: 'put',
      path: '/api/v1/panel/settings',
      role: 'admin',
      tag,
      summary: 'Change some run-time settings (all are validated before any is saved)',
      body: settingsBody,
    },
    async ({ ctx, body }) => {
      // Validate every key first so a bad value never leaves half the form saved.
      const entries = Object.entries(body).filter(([, v]) => v !== undefined) as [SettingKey, unknown][]
      for (const [k, v] of entries) parseInput(settingSchemas[k], v)
      for (const [k, v] of entries) await setSetting(ctx.db, ctx.actor, k, v)
      // Other instances remember settings for a few seconds: tell them to read again.
      await ctx.bus.publish('settings', { type: 'settings' }).catch(() => {})
      return readSettings(ctx.db)
    },
  )
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/panel/what-if',
      role: 'admin',
      tag,
      summary: 'Share answered, precision, clarify and fallback shares now and under proposed thresholds',
      query: whatIfQuery,
    },
    async ({ ctx, query }) => {
      const [set, now] = await Promise.all([whatIfExamples(ctx.db), loadThresholds(ctx.db)])
      const ex = set.examples
      return {
        source: set.source,
        examples: { total: ex.length, positives: ex.filter((e) => !e.negative).length, negatives: ex.filter((e) => e.negative).length },
        now: { thresholds: now, ...outcome(ex, now) },
        proposed: { thresholds: query, ...outcome(ex, query) },
      }
    },
  )
}
