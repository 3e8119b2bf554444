/**
 * The Teams ChannelSender the outbox job calls: a proactive message into the stored
 * conversation (CloudAdapter.continueConversationAsync with the conversation reference
 * kept as the conversation's address), so an agent's reply or a survey days later reaches
 * the same chat. The Connector's activity ids are returned and recorded.
 *
 * A 400/403/404 from the Connector (bot removed from the chat, conversation gone, a
 * message Teams refuses) will not improve by retrying: it fails at once and the agent
 * gets the private note. Anything else — the Connector down, 429, 5xx — is retried by the
 * job with backoff. Pieces already sent are recorded with the message, so a retry does not repeat them.
 */
import { sendPieces } from '../shared/sendPieces.ts'
import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder'
import type { ChannelSender, Delivery, PieceProgress } from '../../bot/channels/senders.ts'
import { UnrecoverableError } from '../../bot/jobs/types.ts'
import type { TeamsConfig } from './config.ts'
import { renderForTeams } from './outbound.ts'

function withDeadline<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the Bot Connector did not answer within ${ms} ms`)), ms)))
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}

export function teamsSender(adapter: CloudAdapter, cfg: TeamsConfig, publicUrl: string | null): ChannelSender {
  async function sendOne(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<string> {
    let id = ''
    try {
      await withDeadline(
        cfg.requestTimeoutMs,
        adapter.continueConversationAsync(cfg.appId, reference, async (turn) => {
          id = (await turn.sendActivity(activity))?.id ?? ''
        }),
      )
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode
      if (status === 400 || status === 403 || status === 404) throw new UnrecoverableError(`Teams refused the message (${status}): ${(err as Error).message}`)
      throw err
    }
    return id
  }

  return {
    channel: 'teams',
    async send(d: Delivery, progress: PieceProgress) {
      const reference = d.address as Partial<ConversationReference>
      if (!reference?.serviceUrl || !reference.conversation?.id) throw new UnrecoverableError('No Teams conversation reference for this conversation.')
      const activities = renderForTeams(d, publicUrl)
      const ids = await sendPieces(progress, activities, (activity) => sendOne(reference, activity))
      return { platformMessageIds: ids }
    },
  }
}
