/**
 * /api/v1/panel/preview: an answer as each channel will show it, rendered by the same
 * code the channels use (bot/markdown/render.ts), so the editor's preview cannot drift
 * from what customers see. Teams shows the same lines, bold and links as Telegram's
 * HTML, so its preview reuses that form.
 */
import type { Hono } from 'hono'
import { z } from 'zod'
import { apiRoute } from '../../../bot/http/api.ts'
import type { AppEnv } from '../../../bot/http/types.ts'
import { renderMarkdown } from '../../../bot/markdown/render.ts'

const previewBody = z.object({ text: z.string().max(20_000) })

export function previewRoutes(app: Hono<AppEnv>) {
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/panel/preview',
      role: 'agent',
      tag: 'panel',
      summary: 'An answer written in Markdown as the web chat, Telegram, Teams and WeChat show it',
      body: previewBody,
    },
    async ({ body }) => ({
      webchat: { html: renderMarkdown(body.text, 'web') },
      telegram: { html: renderMarkdown(body.text, 'telegram') },
      teams: { html: renderMarkdown(body.text, 'telegram') },
      wechat: { text: renderMarkdown(body.text, 'plain') },
    }),
  )
}
