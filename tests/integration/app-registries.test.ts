// Navigation and the OpenAPI document are built per app from the modules it serves, not
// collected in module-level lists at import: two apps in one process stay apart. Channel
// senders belong to a runtime (Services.senders), so two runtimes never share one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminModule } from '../../admin/module.ts'
import { panelModule } from '../../admin/panel/module.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { knowledgeModule } from '../../knowledge/module.ts'
import { testApp, type TestClient } from '../support/app.ts'
import { testRuntime } from '../support/services.ts'

describe('per-app registries', () => {
  let rt: Runtime
  let full: TestClient
  let bare: TestClient
  beforeAll(async () => {
    rt = await testRuntime('pglite')
    full = testApp(rt, [knowledgeModule, panelModule, adminModule])
    bare = testApp(rt, [adminModule])
  })
  afterAll(async () => rt?.close())

  const paths = async (c: TestClient) => Object.keys(((await (await c.app.request('/api/v1/openapi.json')).json()) as { paths: object }).paths)
  const navLinks = async (c: TestClient) => {
    const admin = await c.loginAs('admin')
    const html = await (await c.app.request('/admin', { headers: admin.headers })).text()
    return [...(html.match(/<nav\b[^>]*>[\s\S]*?<\/nav>/)?.[0] ?? '').matchAll(/href="([^"]+)"/g)].map((m) => m[1])
  }

  it('documents only the routes an app mounts', async () => {
    expect(await paths(full)).toEqual(expect.arrayContaining(['/api/v1/kb/entries', '/api/v1/panel/settings', '/api/v1/panel/preview']))
    expect(await paths(bare)).not.toContain('/api/v1/panel/settings')
  })

  it('shows the links of the modules an app serves, in order', async () => {
    const links = await navLinks(full)
    expect(links.slice(0, 3)).toEqual(['/admin', '/admin/knowledge', '/admin/knowledge/try'])
    expect(links).toContain('/admin/settings')
    expect(await navLinks(bare)).toEqual(['/admin'])
  })

  it('keeps the channel senders of each runtime to itself', async () => {
    const other = await testRuntime('pglite')
    try {
      const send = async () => ({ platformMessageIds: ['1'] })
      rt.senders.register({ channel: 'telegram', send })
      expect(rt.senders.for('telegram')?.send).toBe(send)
      expect(other.senders.for('telegram')).toBeUndefined()
      rt.senders.ensure('telegram', () => ({ channel: 'telegram', send: async () => ({ platformMessageIds: ['2'] }) })) // one is there: kept
      expect(rt.senders.for('telegram')?.send).toBe(send)
    } finally {
      await other.close()
    }
  })
})
