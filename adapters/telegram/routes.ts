/**
 * POST /telegram/webhook — where Telegram posts updates in webhook mode. The secret
 * header is checked before the body is read (401, nothing stored); malformed JSON or an
 * update we cannot read is a 400; a stored update is a 200, and a 5xx (database down)
 * makes Telegram deliver it again later, which the turn's de-duplication absorbs.
 */
import type { Hono } from 'hono'
import { z } from 'zod'
import type { Services } from '../../bot/context.ts'
import { readJson } from '../../bot/http/json.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import type { Telegram } from './api.ts'
import { WEBHOOK_PATH, type TelegramConfig } from './config.ts'
import { handleUpdate } from './updates.ts'
import { SECRET_HEADER, verifySecretToken } from './verify.ts'
import { describeRoute } from '../../bot/http/api.ts'

const anyBody = z.unknown()

export function telegramRoutes(app: Hono<AppEnv>, services: Services, api: Telegram, cfg: TelegramConfig) {
  describeRoute(app, {
    method: 'post',
    path: WEBHOOK_PATH,
    role: 'public',
    summary: 'Telegram updates (secret-token header)',
    tag: 'channels',
    produces: 'application/json',
  })
  app.post(WEBHOOK_PATH, async (c) => {
    verifySecretToken(cfg.webhookSecret!, c.req.header(SECRET_HEADER))
    const outcome = await handleUpdate(services, api, await readJson(c, anyBody))
    return c.json({ ok: true, outcome })
  })
}
