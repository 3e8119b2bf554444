/**
 * Agent assist for the open conversation (bot/llm/suggest.ts, extract.ts): suggested
 * replies for the reply box and suggested ticket fields for the ticket dialog. Reading
 * them is reading the conversation, so the same access rule applies.
 */
import type { Hono } from 'hono'
import type { Ctx } from '../../bot/context.ts'
import { readConversation } from '../../bot/conversations/store.ts'
import { mustRead } from '../../bot/handoff/access.ts'
import { apiRoute } from '../../bot/http/api.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import { extractTicketFields } from '../../bot/llm/extract.ts'
import { suggestReplies } from '../../bot/llm/suggest.ts'
import { conversationId } from './conversationRoutes.ts'

async function readable(ctx: Ctx, params: Record<string, string>): Promise<number> {
  const id = conversationId(params)
  const conv = await readConversation(ctx.db, id)
  if (conv) await mustRead(ctx, conv)
  return id
}

export function assistRoutes(app: Hono<AppEnv>, base: string) {
  apiRoute(
    app,
    {
      method: 'get',
      path: `${base}/:id/suggestions`,
      role: 'agent',
      tag: 'console',
      summary: "Up to three suggested replies from the knowledge base for the customer's last messages (model-written and checked when a model is configured)",
    },
    async ({ ctx, params }) => ({ suggestions: await suggestReplies(ctx, await readable(ctx, params)) }),
  )
  apiRoute(
    app,
    {
      method: 'get',
      path: `${base}/:id/ticket-fields`,
      role: 'agent',
      tag: 'console',
      summary:
        'Ticket fields (type, product, order number, phone, address) the model read in what the customer wrote, for the agent to confirm; {} without a model',
    },
    async ({ ctx, params }) => ({ fields: await extractTicketFields(ctx, await readable(ctx, params)) }),
  )
}
