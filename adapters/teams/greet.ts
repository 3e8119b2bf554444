/**
 * The welcome when someone adds the bot (Teams sends a conversationUpdate with the new
 * member): the bot's greeting, stored and delivered like any reply (the admin's welcome for Teams when set). Only a conversation
 * with nothing in it yet is greeted, so a redelivered or repeated update greets once.
 */
import { systemCtx, type Services } from '../../bot/context.ts'
import { announceMessages, insertReply } from '../../bot/conversations/emit.ts'
import { openConversation } from '../../bot/conversations/store.ts'
import { resolveCustomer } from '../../bot/customers/resolveCustomer.ts'
import { channelGreeting } from '../../bot/channels/channelSettings.ts'

export async function greetNewMember(services: Services, member: { id: string; name?: string }, address: Record<string, unknown>): Promise<boolean> {
  const now = services.clock.now()
  const out = await services.db.transaction(async (tx) => {
    const customer = await resolveCustomer(tx, 'teams', member.id, member.name, now)
    const conv = await openConversation(tx, customer.id, 'teams', address, customer.language ?? services.config.DEFAULT_LOCALE, now)
    const said = await tx.query('select 1 from messages where conversation_id = $1 limit 1', [conv.id])
    if (said.rows[0]) return null
    const reply = await insertReply(tx, conv, { kind: 'greeting', text: await channelGreeting(tx, 'teams', conv.language) }, now)
    return { conversationId: conv.id, ids: [reply.id] }
  })
  if (out) await announceMessages(systemCtx(services, 'teams'), out.conversationId, out.ids)
  return out !== null
}
