/** /api/v1/kb/entries…: list, read, create, edit, delete, bulk actions, versions, restore. Thin: verbs do the work. */
import type { Hono } from 'hono'
import { z } from 'zod'
import { apiRoute } from '../../bot/http/api.ts'
import { NotFound } from '../../bot/errors.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import { bulkInput, bulkUpdateEntries, BULK_MAX } from '../entries/bulkUpdateEntries.ts'
import { createEntry } from '../entries/createEntry.ts'
import { deleteEntry } from '../entries/deleteEntry.ts'
import { createEntryInput, updateEntryInput } from '../entries/schema.ts'
import { listEntries, readEntry } from '../entries/store.ts'
import { updateEntry } from '../entries/updateEntry.ts'
import { listVersions, restoreVersion } from '../entries/versions.ts'

const listQuery = z.object({
  q: z.string().max(200).optional(),
  category: z.string().max(100).optional(),
  tag: z.string().max(50).optional(),
  status: z.enum(['draft', 'published']).optional(),
  ownerId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})
const versionBody = z.object({ version: z.number().int().positive() })
const tag = 'knowledge'

export function entryRoutes(app: Hono<AppEnv>) {
  apiRoute(
    app,
    { method: 'get', path: '/api/v1/kb/entries', role: 'agent', tag, summary: 'List and filter knowledge entries', query: listQuery },
    ({ ctx, query }) => listEntries(ctx.db, query),
  )
  apiRoute(
    app,
    { method: 'post', path: '/api/v1/kb/entries', role: 'supervisor', tag, summary: 'Create an entry', body: createEntryInput, status: 201 },
    ({ ctx, body }) => createEntry({ ctx, input: body }),
  )
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/kb/entries/bulk',
      role: 'supervisor',
      tag,
      body: bulkInput,
      summary: `Publish, unpublish, move, tag, untag or delete up to ${BULK_MAX} entries at once (all or nothing: an unknown id is 404, a changed version 409)`,
    },
    ({ ctx, body }) => bulkUpdateEntries({ ctx, input: body }),
  )
  apiRoute(app, { method: 'get', path: '/api/v1/kb/entries/:id', role: 'agent', tag, summary: 'Read one entry' }, async ({ ctx, params }) => {
    const entry = await readEntry(ctx.db, params.id!)
    if (!entry) throw new NotFound(`No knowledge entry "${params.id}".`)
    return entry
  })
  apiRoute(
    app,
    {
      method: 'put',
      path: '/api/v1/kb/entries/:id',
      role: 'supervisor',
      tag,
      summary: 'Edit an entry (send the version you edited; 409 if it changed since)',
      body: updateEntryInput,
    },
    ({ ctx, params, body }) => updateEntry({ ctx, id: params.id!, input: body }),
  )
  apiRoute(
    app,
    { method: 'delete', path: '/api/v1/kb/entries/:id', role: 'supervisor', tag, summary: 'Delete an entry (send the version you saw)', body: versionBody },
    async ({ ctx, params, body }) => deleteEntry({ ctx, id: params.id!, version: body.version }),
  )
  apiRoute(app, { method: 'get', path: '/api/v1/kb/entries/:id/versions', role: 'agent', tag, summary: 'Version history with snapshots' }, ({ ctx, params }) =>
    listVersions(ctx, params.id!),
  )
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/kb/entries/:id/versions/:version/restore',
      role: 'supervisor',
      tag,
      summary: 'Restore an old version as a new version',
      body: versionBody,
    },
    ({ ctx, params, body }) => restoreVersion({ ctx, id: params.id!, version: Number(params.version), currentVersion: body.version }),
  )
}
