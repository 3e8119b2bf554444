/** /api/v1/kb/categories and /api/v1/kb/synonyms. */
import type { Hono } from 'hono'
import { z } from 'zod'
import { apiRoute } from '../../bot/http/api.ts'
import { ValidationError } from '../../bot/errors.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import { categoryInput, createCategory, deleteCategory, listCategories, renameCategory } from '../entries/categories.ts'
import { deleteSynonymGroup, listSynonyms, saveSynonymGroup, synonymInput } from '../entries/synonyms.ts'

const tag = 'knowledge'
const numericId = (raw: string | undefined) => {
  const id = Number(raw)
  if (!Number.isInteger(id) || id <= 0) throw new ValidationError('The id must be a positive number.')
  return id
}

export function taxonomyRoutes(app: Hono<AppEnv>) {
  apiRoute(app, { method: 'get', path: '/api/v1/kb/categories', role: 'agent', tag, summary: 'The category tree (flat, with paths)' }, ({ ctx }) =>
    listCategories(ctx),
  )
  apiRoute(
    app,
    { method: 'post', path: '/api/v1/kb/categories', role: 'supervisor', tag, summary: 'Add a category (3 levels at most)', body: categoryInput, status: 201 },
    ({ ctx, body }) => createCategory({ ctx, input: body }),
  )
  apiRoute(
    app,
    {
      method: 'put',
      path: '/api/v1/kb/categories/:id',
      role: 'supervisor',
      tag,
      summary: 'Rename a category (entries under it follow)',
      body: z.object({ name: z.string() }),
    },
    ({ ctx, params, body }) => renameCategory({ ctx, id: numericId(params.id), name: body.name }),
  )
  apiRoute(
    app,
    { method: 'delete', path: '/api/v1/kb/categories/:id', role: 'supervisor', tag, summary: 'Delete an unused, childless category' },
    ({ ctx, params }) => deleteCategory({ ctx, id: numericId(params.id) }),
  )
  apiRoute(app, { method: 'get', path: '/api/v1/kb/synonyms', role: 'agent', tag, summary: 'Synonym groups' }, ({ ctx }) => listSynonyms(ctx))
  apiRoute(
    app,
    { method: 'post', path: '/api/v1/kb/synonyms', role: 'supervisor', tag, summary: 'Add a synonym group', body: synonymInput, status: 201 },
    ({ ctx, body }) => saveSynonymGroup({ ctx, input: body }),
  )
  apiRoute(
    app,
    { method: 'put', path: '/api/v1/kb/synonyms/:id', role: 'supervisor', tag, summary: 'Replace a synonym group', body: synonymInput },
    ({ ctx, params, body }) => saveSynonymGroup({ ctx, id: numericId(params.id), input: body }),
  )
  apiRoute(app, { method: 'delete', path: '/api/v1/kb/synonyms/:id', role: 'supervisor', tag, summary: 'Delete a synonym group' }, ({ ctx, params }) =>
    deleteSynonymGroup({ ctx, id: numericId(params.id) }),
  )
}
