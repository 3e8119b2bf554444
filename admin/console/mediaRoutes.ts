/**
 * Staff read what customers sent: GET /api/v1/media/:id (any staff role), served by
 * bot/media/serve.ts — never as a type a browser would run.
 */
import type { Hono } from 'hono'
import { z } from 'zod'
import { NotFound } from '../../bot/errors.ts'
import { apiRoute } from '../../bot/http/api.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import { mediaResponse } from '../../bot/media/serve.ts'
import { readMedia } from '../../bot/media/store.ts'

export function mediaRoutes(app: Hono<AppEnv>) {
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/media/:id',
      role: 'agent',
      tag: 'console',
      summary: 'A photo, voice message or file a customer or an agent sent (images inline, everything else as a download)',
      query: z.object({ name: z.string().max(200).optional() }),
    },
    async ({ ctx, params, query }) => {
      const found = await readMedia(ctx, params.id ?? '')
      if (!found) throw new NotFound('没有这个文件。 / No such file.')
      return mediaResponse(found.info, found.bytes, query.name)
    },
  )
}
