/** Drive the customer side of a conversation through the real turn, as an adapter would. */
import { randomUUID } from 'node:crypto'
import { systemCtx } from '../../bot/context.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { handleInbound } from '../../bot/turn/handleInbound.ts'
import type { Channel } from '../../bot/conversations/types.ts'

export function customer(rt: Runtime, externalUserId: string = randomUUID(), channel: Channel = 'webchat') {
  return {
    externalUserId,
    say: (text: string, opts: { id?: string; payload?: string } = {}) =>
      handleInbound({
        ctx: systemCtx(rt, channel),
        input: { channel, externalUserId, channelMessageId: opts.id ?? randomUUID(), text, payload: opts.payload },
      }),
  }
}
