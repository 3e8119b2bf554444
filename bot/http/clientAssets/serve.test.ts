// The asset route on a real build of a real entry: hashed names cached for good, stable
// across builds (two replicas must hand out the same URLs), and nothing else served.
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { AppEnv } from '../types.ts'
import { buildClientAssets, type ClientBuild } from './build.ts'
import { IMMUTABLE, serveClientAssets } from './serve.ts'

const build: ClientBuild = {
  publicPath: '/x/',
  format: 'esm',
  entries: [new URL('../../../adapters/webchat/browser/widgetButton.ts', import.meta.url), new URL('../../../admin/assets/app.css', import.meta.url)],
}

describe('built browser files', () => {
  const assets = buildClientAssets(build)
  const app = new Hono<AppEnv>()
  serveClientAssets(app, '/x/', () => assets)

  it('names each entry by its content and serves it with a year-long immutable cache', async () => {
    const js = assets.url('widgetButton.js')
    expect(js).toMatch(/^\/x\/widgetButton\.\w{8}\.js$/)
    expect(assets.url('app.css')).toMatch(/^\/x\/app\.\w{8}\.css$/)
    const res = await app.request(js)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('javascript')
    expect(res.headers.get('cache-control')).toBe(IMMUTABLE)
    expect(await res.text()).toContain('/?embed=1')
  })

  it('gives the same names on every build of the same sources', () => {
    expect(buildClientAssets(build).url('widgetButton.js')).toBe(assets.url('widgetButton.js'))
  })

  it('serves nothing under an unhashed or unknown name, and refuses an unknown entry', async () => {
    expect((await app.request('/x/widgetButton.js')).status).toBe(404)
    expect((await app.request('/x/nope.ABCDEFGH.js')).status).toBe(404)
    expect(() => assets.url('nope.js')).toThrow(/no browser entry/)
  })
})
