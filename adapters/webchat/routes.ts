/**
 * The web chat's HTTP API, for the widget (not staff): a visitor token from /session,
 * messages in by POST, everything out by the event stream, and the history for a
 * reload. Routes only check the token, convert, and call the bot's turn.
 */
import type { Context, Hono } from 'hono'
import { z } from 'zod'
import { systemCtx, type Services } from '../../bot/context.ts'
import { readJson } from '../../bot/http/json.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import { mark, profiledTurn } from '../../bot/perf/turnProfile.ts'
import { handleInbound } from '../../bot/turn/handleInbound.ts'
import type { WebchatConfig } from './config.ts'
import { parsePost, toInbound } from './inbound.ts'
import { webchatLimits } from './limits.ts'
import { fromOutbound, visibleMessages } from './outbound.ts'
import { openConversationOf, storedMessageId } from './queries.ts'
import { resumeAfter, visitorStream } from './stream.ts'
import { visitorTokens } from './verify.ts'

const bearer = (c: Context<AppEnv>) => c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1]
const anyBody = z.unknown()

// Visitors never send cookies (the widget uses credentials: 'omit'), and nothing here
// should be cached by a proxy: every answer is for one visitor.
const noStore = (c: Context<AppEnv>) => c.header('Cache-Control', 'no-store')

export function webchatRoutes(app: Hono<AppEnv>, services: Services, cfg: WebchatConfig) {
  const tokens = visitorTokens(services, cfg.tokenTtlDays)
  const limits = webchatLimits(services.config)

  /** A new visitor, or a fresh token for the one presenting a valid token (401 for a bad one). */
  app.post('/webchat/api/session', async (c) => {
    noStore(c)
    await limits.session(c)
    const sent = bearer(c) ?? ((await readJson(c, anyBody)) as { token?: unknown } | undefined)?.token
    const visitor = sent != null ? await tokens.verify(String(sent)) : null
    const issued = await tokens.issue(visitor?.visitorId)
    return c.json({ token: issued.token, visitorId: issued.visitorId, expiresAt: issued.expiresAt.toISOString() })
  })

  app.post('/webchat/api/messages', (c) =>
    profiledTurn('token', async () => {
      noStore(c)
      const { visitorId } = await tokens.verify(bearer(c))
      const post = parsePost(await readJson(c, anyBody), c.get('locale'), cfg.maxMessageChars)
      mark('dedup')
      // After the checks that cost nothing (a bad token or an empty message is not counted),
      // before anything is stored: a refused message is neither kept nor answered. A resend
      // of a message already stored is never refused: the widget must learn that it arrived.
      // Asked only when the budget says no, so a message within it costs no extra query.
      await limits.message(c, visitorId).catch(async (err) => {
        if (!(await storedMessageId(services.db, visitorId, post.id))) throw err
      })
      const ctx = systemCtx(services, 'webchat')
      const turn = await handleInbound({ ctx, input: toInbound(visitorId, post) })
      mark('respond')
      // A retried POST (same id) is answered once: its replies already went out on the stream.
      return c.json({
        conversationId: turn.conversationId,
        duplicate: turn.duplicate,
        message: { id: turn.messageId ?? (await storedMessageId(services.db, visitorId, post.id)), clientId: post.id },
        replies: turn.replies.map(fromOutbound),
      })
    }),
  )

  app.get('/webchat/api/history', async (c) => {
    noStore(c)
    await limits.read(c)
    const { visitorId } = await tokens.verify(bearer(c))
    const conv = await openConversationOf(services.db, visitorId)
    return c.json({ conversationId: conv?.id ?? null, status: conv?.status ?? null, messages: conv ? await visibleMessages(services.db, conv.id) : [] })
  })

  // EventSource cannot send headers, so the token comes as a query parameter.
  app.get('/webchat/api/stream', async (c) => {
    await limits.read(c)
    const { visitorId } = await tokens.verify(c.req.query('token'))
    noStore(c)
    return visitorStream(c, cfg, visitorId, resumeAfter(c.req.header('last-event-id'), c.req.query('after')))
  })
}
