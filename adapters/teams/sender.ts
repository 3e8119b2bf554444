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
import type { Services } from '../../bot/context.ts'
import type { OutboundMedia } from '../../bot/conversations/types.ts'
import { UnrecoverableError } from '../../bot/jobs/types.ts'
import { readMedia } from '../../bot/media/store.ts'
import { isImage } from '../../bot/media/types.ts'
import type { TeamsConfig } from './config.ts'
import { renderForTeams } from './outbound.ts'

function withDeadline<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the Bot Connector did not answer within ${ms} ms`)), ms)))
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}

/** Teams takes an image in a message as an inline attachment (a data: URL); up to this size, per Microsoft's guidance for inline images. */
const MAX_INLINE_BYTES = 1024 * 1024

/**
 * An agent's photo as its own message: an image attachment carrying the bytes. Teams has no
 * upload for a bot's other files outside the file-consent flow, so those are refused as such
 * (the agent gets the private note and can share a link instead).
 */
async function mediaActivity(services: Pick<Services, 'db' | 'config'>, media: OutboundMedia): Promise<Partial<Activity>> {
  if (!isImage(media.contentType)) throw new UnrecoverableError('Teams: only pictures can be sent to a chat by a bot; share other files as a link')
  const found = await readMedia(services, media.fileId)
  if (!found) throw new UnrecoverableError(`the file ${media.fileId} is no longer stored`)
  if (found.bytes.byteLength > MAX_INLINE_BYTES) throw new UnrecoverableError('Teams: the picture is larger than 1 MB')
  const contentUrl = `data:${media.contentType};base64,${Buffer.from(found.bytes).toString('base64')}`
  return { type: 'message', attachments: [{ contentType: media.contentType, contentUrl, name: media.title || 'photo' }] }
}

export function teamsSender(services: Pick<Services, 'db' | 'config'>, adapter: CloudAdapter, cfg: TeamsConfig, publicUrl: string | null): ChannelSender {
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
      const text = d.media && !d.text.trim() ? [] : renderForTeams(d, publicUrl)
      const pieces: (Partial<Activity> | { media: OutboundMedia })[] = [...text, ...(d.media ? [{ media: d.media }] : [])]
      const ids = await sendPieces(progress, pieces, async (piece) =>
        sendOne(reference, 'media' in piece && piece.media ? await mediaActivity(services, piece.media) : (piece as Partial<Activity>)),
      )
      return { platformMessageIds: ids }
    },
  }
}
