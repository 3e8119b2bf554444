/** The one route for built browser files: hashed names never change content, so caches keep them for a year. */
import type { Hono } from 'hono'
import type { AppEnv } from '../types.ts'
import type { ClientAssets } from './build.ts'
import { describeRoute } from '../api.ts'

export const IMMUTABLE = 'public, max-age=31536000, immutable'

/** Serves `assets()` files under `prefix` (e.g. '/assets/'). */
export function serveClientAssets(app: Hono<AppEnv>, prefix: string, assets: () => ClientAssets) {
  assets() // build now, at start, rather than on the first page view
  describeRoute(app, {
    method: 'get',
    path: `${prefix}:file`,
    role: 'public',
    summary: 'A built browser file (hashed name, cached a year)',
    tag: 'assets',
    produces: 'asset',
  })
  app.get(`${prefix}:file`, (c) => {
    const f = assets().file(c.req.param('file') ?? '')
    if (!f) return c.notFound()
    c.header('Content-Type', f.type)
    c.header('Cache-Control', IMMUTABLE)
    c.header('X-Content-Type-Options', 'nosniff')
    return c.body(f.body as Uint8Array<ArrayBuffer>)
  })
}
