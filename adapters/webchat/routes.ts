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
import { mediaResponse } from '../../bot/media/serve.ts'
import { mediaInfo, putMedia, readMedia } from '../../bot/media/store.ts'
import { mark, profiledTurn } from '../../bot/perf/turnProfile.ts'
import { handleInbound } from '../../bot/turn/handleInbound.ts'
import type { WebchatConfig } from './config.ts'
import { t } from './i18n.ts'
import { MessageRefused, parsePost, toInbound } from './inbound.ts'
import { webchatLimits } from './limits.ts'
import { fromOutbound, visibleMessagesOf } from './outbound.ts'
import { storedMessageId, visitorHasFile, visitorThread } from './queries.ts'
import { resumeAfter, visitorStream } from './stream.ts'
import { visitorTokens } from './verify.ts'
import { describeRoute } from '../../bot/http/api.ts'

const bearer = (c: Context<AppEnv>) => c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1]
const anyBody = z.unknown()

// Visitors never send cookies (the widget uses credentials: 'omit'), and nothing here
// should be cached by a proxy: every answer is for one visitor.
const noStore = (c: Context<AppEnv>) => c.header('Cache-Control', 'no-store')

export function webchatRoutes(app: Hono<AppEnv>, services: Services, cfg: WebchatConfig) {
  const tokens = visitorTokens(services, cfg.tokenTtlDays)
  const limits = webchatLimits(services.config)

  /** A new visitor, or a fresh token for the one presenting a valid token (401 for a bad one). */
  describeRoute(app, {
    method: 'post',
    path: '/webchat/api/session',
    role: 'public',
    summary: 'Start or resume a visitor session (rate limited)',
    tag: 'webchat',
    produces: 'application/json',
  })
  app.post('/webchat/api/session', async (c) => {
    noStore(c)
    await limits.session(c)
    const sent = bearer(c) ?? ((await readJson(c, anyBody)) as { token?: unknown } | undefined)?.token
    const visitor = sent != null ? await tokens.verify(String(sent)) : null
    const issued = await tokens.issue(visitor?.visitorId)
    return c.json({ token: issued.token, visitorId: issued.visitorId, expiresAt: issued.expiresAt.toISOString() })
  })

  describeRoute(app, {
    method: 'post',
    path: '/webchat/api/messages',
    role: 'public',
    summary: "A visitor's message; answers with the bot's replies (visitor token, rate limited)",
    tag: 'webchat',
    produces: 'application/json',
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
      const stored = post.file ? await mediaInfo(services.db, post.file.id) : null
      if (post.file && !stored) throw new MessageRefused('file_missing', t(c.get('locale'), 'webchat.fileMissing'), {})
      const turn = await handleInbound({ ctx, input: toInbound(visitorId, post, undefined, stored) })
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

  /**
   * A photo or file from the visitor: the raw bytes in the body (the file's own type in
   * Content-Type is not trusted; store.ts reads the type from the bytes). Answers the file's
   * id, which the widget then sends with its message (media.fileId), under the same
   * message limits as text.
   */
  describeRoute(app, {
    method: 'post',
    path: '/webchat/api/upload',
    role: 'public',
    summary: 'A photo or file from the visitor (visitor token; raw bytes, type read from the bytes)',
    tag: 'webchat',
    produces: 'application/json',
  })
  app.post('/webchat/api/upload', async (c) => {
    noStore(c)
    const { visitorId } = await tokens.verify(bearer(c))
    await limits.message(c, visitorId)
    const bytes = new Uint8Array(await c.req.arrayBuffer())
    const stored = await putMedia(services, bytes)
    return c.json({ fileId: stored.id, contentType: stored.contentType, size: stored.size }, 201)
  })

  /** A file in the visitor's own conversations (an agent's photo, their own upload); 404 for any other. */
  describeRoute(app, {
    method: 'get',
    path: '/webchat/api/media/:id',
    role: 'public',
    summary: "A file in the visitor's own conversations (visitor token)",
    tag: 'webchat',
    produces: 'asset',
  })
  app.get('/webchat/api/media/:id', async (c) => {
    await limits.read(c)
    const { visitorId } = await tokens.verify(c.req.query('token') ?? bearer(c))
    const id = c.req.param('id')
    const found = (await visitorHasFile(services.db, visitorId, id)) ? await readMedia(services, id) : null
    if (!found) return c.json({ error: { code: 'not_found', message: t(c.get('locale'), 'webchat.fileMissing') } }, 404)
    return mediaResponse(found.info, found.bytes)
  })

  describeRoute(app, {
    method: 'get',
    path: '/webchat/api/history',
    role: 'public',
    summary: "The visitor's conversation so far (visitor token)",
    tag: 'webchat',
    produces: 'application/json',
  })
  app.get('/webchat/api/history', async (c) => {
    noStore(c)
    await limits.read(c)
    const { visitorId } = await tokens.verify(bearer(c))
    // The recent conversations together: a reload after a closed chat still shows what the agent said.
    const thread = await visitorThread(services.db, visitorId)
    const conv = thread.open
    return c.json({ conversationId: conv?.id ?? null, status: conv?.status ?? null, messages: await visibleMessagesOf(services.db, thread.conversationIds) })
  })

  // EventSource cannot send headers, so the token comes as a query parameter.
  describeRoute(app, {
    method: 'get',
    path: '/webchat/api/stream',
    role: 'public',
    summary: "The visitor's live replies (server-sent events, visitor token)",
    tag: 'webchat',
    produces: 'text/event-stream',
  })
  app.get('/webchat/api/stream', async (c) => {
    await limits.read(c)
    const { visitorId } = await tokens.verify(c.req.query('token'))
    noStore(c)
    return visitorStream(c, cfg, visitorId, resumeAfter(c.req.header('last-event-id'), c.req.query('after')))
  })
}
