/** Labels on a conversation: any agent adds or removes one; the answer is the conversation's labels after the change. */
import type { Hono } from 'hono'
import { z } from 'zod'
import { addLabel, removeLabel } from '../../bot/conversations/labels.ts'
import { apiRoute } from '../../bot/http/api.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import { conversationId } from './conversationRoutes.ts'

export function labelRoutes(app: Hono<AppEnv>, base: string) {
  apiRoute(
    app,
    {
      method: 'post',
      path: `${base}/:id/labels`,
      role: 'agent',
      tag: 'console',
      summary: 'Add a label (free text, normalised: half-width, lower case, no leading #)',
      body: z.object({ label: z.string().max(200) }),
    },
    async ({ ctx, params, body }) => ({ labels: await addLabel(ctx, conversationId(params), body.label) }),
  )
  apiRoute(app, { method: 'delete', path: `${base}/:id/labels/:label`, role: 'agent', tag: 'console', summary: 'Remove a label' }, async ({ ctx, params }) => ({
    labels: await removeLabel(ctx, conversationId(params), params.label!),
  }))
}
