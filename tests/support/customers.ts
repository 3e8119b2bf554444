/** Drive the customer side of a conversation through the real turn, as an adapter would. */
import { randomUUID } from 'node:crypto'
import { withActor } from '../../bot/context.ts'
import type { Runtime } from '../../bot/runtime.ts'
import { handleInbound } from '../../bot/turn/handleInbound.ts'
import type { Channel } from '../../bot/conversations/types.ts'

export function customer(rt: Runtime, externalUserId = randomUUID(), channel: Channel = 'webchat') {
  return {
    externalUserId,
    say: (text: string, opts: { id?: string; payload?: string } = {}) =>
      handleInbound({
        ctx: withActor(rt, { type: 'customer', id: externalUserId }),
        input: { channel, externalUserId, channelMessageId: opts.id ?? randomUUID(), text, payload: opts.payload },
      }),
  }
}
