// Every route the full app serves is in /api/v1/openapi.json, and the document lists nothing
// the app does not serve (issue 15, item 9: 23 staff routes — tokens, /me, the console stream,
// the /admin pages — were missing). A route added without apiRoute or describeRoute fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadModules } from '../../bot/cli/modules.ts'
import { createApp } from '../../bot/http/app.ts'
import { openApiPath } from '../../bot/http/api.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { testRuntime } from '../support/services.ts'

describe('the OpenAPI document', () => {
  let rt: Runtime
  beforeAll(async () => {
    // Every channel on, so every module mounts its routes.
    rt = await testRuntime('pglite', {
      config: { TELEGRAM_BOT_TOKEN: '123:doc', TELEGRAM_WEBHOOK_SECRET: 'doc-secret', TEAMS_AUTH: 'off', WECHAT_TOKEN: 'kefudoc' },
    })
  })
  afterAll(async () => rt?.close())

  it('lists every route the app serves, each with a summary and who may call it, and nothing else', async () => {
    const app = createApp(rt, await loadModules())
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { summary: string; description: string }>>
    }
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    // Middleware (app.use) registers as ALL; those are not routes.
    const served = [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${openApiPath(r.path)}`))]
    expect(served.length).toBeGreaterThan(100)
    expect(served.filter((r) => !documented.includes(r))).toEqual([])
    expect(documented.filter((r) => !served.includes(r))).toEqual([])
    for (const ops of Object.values(doc.paths))
      for (const op of Object.values(ops)) {
        expect(op.summary.length).toBeGreaterThan(3)
        expect(op.description).toMatch(/^(Public: no login\.|Requires the (agent|supervisor|admin) role)/)
      }
    for (const staff of [
      'GET /api/v1/me',
      'POST /api/v1/tokens',
      'DELETE /api/v1/tokens/{id}',
      'GET /api/v1/console/stream',
      'GET /admin/inbox',
      'GET /admin/tickets/{number}',
    ]) {
      expect(documented).toContain(staff)
    }
    expect(doc.paths['/api/v1/tokens']!.post!.description).toContain('admin role')
  })
})
