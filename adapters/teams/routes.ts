/**
 * POST /api/messages — where the Bot Connector (or the Emulator) posts Activities. The
 * pipeline: token present? (401 before reading the body) → JSON (400) → token valid for
 * this activity? (401) → shape (400) → a customer message goes through the bot's turn
 * (de-duplicated on the activity id); a member joining is greeted; an invoke gets its
 * InvokeResponse (invoke.ts). Replies are never written into the HTTP response: they are
 * stored and the outbox job sends them.
 */
import type { Hono } from 'hono'
import { z } from 'zod'
import type { ConfigurationBotFrameworkAuthentication, Activity } from 'botbuilder'
import { systemCtx, type Services } from '../../bot/context.ts'
import { parseInput, readJson } from '../../bot/http/json.ts'
import type { AppEnv } from '../../bot/http/types.ts'
import { withStoredFile } from '../../bot/media/fetchInbound.ts'
import { attachmentFetcher } from './attachments.ts'
import { handleInbound } from '../../bot/turn/handleInbound.ts'
import { MESSAGES_PATH } from './config.ts'
import { greetNewMember } from './greet.ts'
import { activitySchema, addressOf, joinedPeople, toInbound } from './inbound.ts'
import { invokeResponse, invokeToInbound } from './invoke.ts'
import { requireBearer, verifyActivity } from './verify.ts'
import { describeRoute } from '../../bot/http/api.ts'

const anyBody = z.unknown()

export function teamsRoutes(
  app: Hono<AppEnv>,
  services: Services,
  auth: ConfigurationBotFrameworkAuthentication | null,
  authorization: () => Promise<string | null>,
) {
  const fetchAttachment = attachmentFetcher(authorization, { maxBytes: services.config.MEDIA_MAX_MB * 1048576, hosts: services.config.TEAMS_MEDIA_HOSTS })
  describeRoute(app, {
    method: 'post',
    path: MESSAGES_PATH,
    role: 'public',
    summary: 'Bot Framework activities from Teams (JWT checked by botbuilder)',
    tag: 'channels',
    produces: 'application/json',
  })
  app.post(MESSAGES_PATH, async (c) => {
    const header = c.req.header('authorization')
    requireBearer(auth, header)
    const body = await readJson(c, anyBody)
    await verifyActivity(auth, body as Activity, header)
    const activity = parseInput(activitySchema, body)

    if (activity.type === 'invoke') {
      const press = invokeToInbound(activity)
      if (press) await handleInbound({ ctx: systemCtx(services, 'teams'), input: press })
      const answer = invokeResponse(activity, press !== null)
      return answer.body === undefined ? c.body(null, answer.status as 501) : c.json(answer.body, answer.status as 200)
    }
    const inbound = toInbound(activity)
    if (inbound) {
      const ctx = systemCtx(services, 'teams')
      // The picture or file itself, from the URL Teams gave (only http(s); the bot's token only to its service URL).
      const media = await withStoredFile(services, inbound.media, (m) => fetchAttachment(m.url, activity.serviceUrl))
      const turn = await handleInbound({ ctx, input: media ? { ...inbound, media } : inbound })
      return c.json({ outcome: turn.duplicate ? 'duplicate' : 'answered' })
    }
    let greeted = 0
    for (const member of joinedPeople(activity)) {
      const address = { ...addressOf(activity), user: { id: member.id, ...(member.name ? { name: member.name } : {}) } }
      if (await greetNewMember(services, member, address)) greeted++
    }
    return c.json({ outcome: greeted ? 'greeted' : 'ignored' })
  })
}
