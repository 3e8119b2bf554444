/**
 * WeChat waits 5 s for an answer to its webhook call, then retries. So the bot's turn
 * races a timer: when it finishes in time, its replies go back in the HTTP response (one
 * text message; they are marked sent so the outbox leaves them alone); when it is late,
 * or the replies do not fit one message, we answer "success" and the outbox sends them
 * through the customer-service API as soon as the turn commits.
 */
import { systemCtx, type Services } from '../../bot/context.ts'
import type { InboundMessage } from '../../bot/conversations/types.ts'
import { handleInbound, type TurnResult } from '../../bot/turn/handleInbound.ts'
import { claimPassive, handToOutbox } from '../../bot/conversations/claim.ts'
import type { WechatOaConfig } from './config.ts'
import { MAX_TEXT_BYTES, renderText } from './outbound.ts'

function timeout(ms: number): { done: Promise<null>; cancel(): void } {
  let timer: NodeJS.Timeout
  const done = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))
  return { done, cancel: () => clearTimeout(timer) }
}

/** The text to answer passively, or null for "success" (nothing to say, a retry, too late, too long). */
export async function turnWithPassiveReply(services: Services, cfg: WechatOaConfig, input: InboundMessage): Promise<string | null> {
  const turn = handleInbound({ ctx: systemCtx(services, 'wechat'), input })
  // Once we stop waiting, the turn still finishes (and the outbox sends its replies); only its errors are left to log.
  turn.catch((err) => services.log.error({ err, channelMessageId: input.channelMessageId }, 'WeChat turn failed after the passive window'))
  const timer = timeout(cfg.replyTimeoutMs)
  const result: TurnResult | null = await Promise.race([turn, timer.done]).finally(timer.cancel)
  if (!result || result.duplicate || result.replies.length === 0) return null
  const ids = result.replies.map((r) => r.id)
  const text = result.replies.map((r) => renderText(r)).join('\n\n')
  if (Buffer.byteLength(text, 'utf8') > MAX_TEXT_BYTES) {
    await handToOutbox(services.db, ids)
    return null
  }
  const claimed = await claimPassive(services.db, ids, services.clock.now())
  return claimed ? text : null
}
