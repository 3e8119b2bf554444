/**
 * The welcome when someone adds the bot (Teams sends a conversationUpdate with the new
 * member): the bot's greeting, stored and delivered like any reply (the admin's welcome for Teams when set). Only a conversation
 * with nothing in it yet is greeted, so a redelivered or repeated update greets once.
 */
import { systemCtx, type Services } from '../../bot/context.ts'
import { addReply } from '../../bot/conversations/addReply.ts'
import { inConversationTx } from '../../bot/conversations/announce.ts'
import { hasMessages } from '../../bot/conversations/messages.ts'
import { openConversation } from '../../bot/conversations/open.ts'
import { resolveCustomer } from '../../bot/customers/resolveCustomer.ts'
import { channelGreeting } from '../../bot/channels/channelSettings.ts'

export async function greetNewMember(services: Services, member: { id: string; name?: string }, address: Record<string, unknown>): Promise<boolean> {
  const now = services.clock.now()
  return inConversationTx(systemCtx(services, 'teams'), async (w) => {
    const customer = await resolveCustomer(w.tx, 'teams', member.id, member.name, now)
    const conv = await openConversation(w.tx, customer.id, 'teams', address, customer.language ?? services.config.DEFAULT_LOCALE, now)
    if (await hasMessages(w.tx, conv.id)) return false
    await addReply(w, conv, { kind: 'greeting', text: await channelGreeting(w.tx, 'teams', conv.language) }, now)
    return true
  })
}
