/**
 * WeChat waits 5 s for an answer to its webhook call, then retries. So the bot's turn
 * races a timer: when it finishes in time, its replies go back in the HTTP response (one
 * text message; they are marked sent so the outbox leaves them alone); when it is late,
 * or the replies do not fit one message, we answer "success" and the outbox sends them
 * through the customer-service API as soon as the turn commits.
 *
 * A retry with the same MsgId means WeChat never got our answer (a passive reply has no
 * acknowledgement; this is the only sign it was lost). The message is not answered again
 * by the bot — its turn's stored replies are: passively once more when they are at hand
 * within this call's window, otherwise through the customer-service API.
 */
import { systemCtx, type Services } from '../../bot/context.ts'
import { inConversationTx } from '../../bot/conversations/announce.ts'
import { claimPassive, handToOutbox, passiveLost, repliesTo, type TurnReply } from '../../bot/conversations/claim.ts'
import type { InboundMessage } from '../../bot/conversations/types.ts'
import { handleInbound } from '../../bot/turn/handleInbound.ts'
import type { WechatOaConfig } from './config.ts'
import { MAX_TEXT_BYTES, renderText } from './outbound.ts'

function timeout(ms: number): { done: Promise<null>; cancel(): void } {
  let timer: NodeJS.Timeout
  const done = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))
  return { done, cancel: () => clearTimeout(timer) }
}

/** What this call has to carry: a fresh turn's replies, or a retried message's. */
interface Answer {
  retry: boolean
  replies: TurnReply[]
}

/** The text to answer passively, or null for "success" (nothing to say, too late, too long, the outbox has it). */
export async function turnWithPassiveReply(services: Services, cfg: WechatOaConfig, input: InboundMessage): Promise<string | null> {
  const ctx = systemCtx(services, 'wechat')
  const work: Promise<Answer> = handleInbound({ ctx, input }).then(async (r) =>
    r.duplicate
      ? { retry: true, replies: await repliesTo(services.db, 'wechat', input.channelMessageId) }
      : { retry: false, replies: r.replies.map((m) => ({ ...m, status: 'pending' as const, route: null })) },
  )
  // Once we stop waiting, the turn still finishes (and the outbox sends its replies); a retry's
  // replies go to the outbox then, as this call answers "success". Only errors are left to log.
  let late = false
  work
    .then((a) =>
      late && a.retry
        ? inConversationTx(ctx, (w) =>
            passiveLost(
              w,
              a.replies.map((r) => r.id),
            ),
          )
        : undefined,
    )
    .catch((err) => services.log.error({ err, channelMessageId: input.channelMessageId }, 'WeChat turn failed after the passive window'))
  const timer = timeout(cfg.replyTimeoutMs)
  const answer = await Promise.race([work, timer.done]).finally(timer.cancel)
  if (!answer) {
    late = true
    return null
  }
  return answer.retry ? answerAgain(services, answer.replies) : answerFresh(services, answer.replies)
}

async function answerFresh(services: Services, replies: TurnReply[]): Promise<string | null> {
  if (replies.length === 0) return null
  const ids = replies.map((r) => r.id)
  const text = passiveText(replies)
  if (!text) {
    await handToOutbox(services.db, ids)
    return null
  }
  return (await claimPassive(services.db, ids, services.clock.now())) ? text : null
}

/** WeChat asks again: what our lost answer carried goes again; what no path took yet is taken now. */
async function answerAgain(services: Services, replies: TurnReply[]): Promise<string | null> {
  if (replies.length === 0) return null
  if (replies.every((r) => r.route === 'passive')) {
    services.log.info({ messageIds: replies.map((r) => r.id) }, 'WeChat retried a message whose passive answer was lost: answering it again')
    return passiveText(replies)
  }
  // The first call gave up waiting before the turn ended: this call may still carry the replies.
  if (replies.every((r) => r.status === 'pending' && r.route === null)) return answerFresh(services, replies)
  return null // the outbox has them
}

/** All replies as one passive text message, or null when they do not fit one. */
function passiveText(replies: TurnReply[]): string | null {
  const text = replies.map((r) => renderText(r)).join('\n\n')
  return Buffer.byteLength(text, 'utf8') > MAX_TEXT_BYTES ? null : text
}
