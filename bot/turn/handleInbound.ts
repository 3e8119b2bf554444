/**
 * The bot's turn for one customer message, in order: de-duplicate on the channel's
 * message id; resolve customer and conversation; if people own the conversation, stay
 * silent (the agent sees it live); otherwise recognise small talk, a request for a
 * person, a pick among offered options, anger — and only then ask the answer engine.
 * Everything is stored in one transaction; live screens are told after it commits.
 */
import { z } from 'zod'
import { recordEvent } from '../audit.ts'
import { withActor, type Ctx } from '../context.ts'
import { channelSettings, greetingText, type ChannelSettings } from '../channels/channelSettings.ts'
import { addReplies, type Reply } from '../conversations/addReply.ts'
import { inConversationTx, type ConversationTx } from '../conversations/announce.ts'
import { offer, offerIfChanged } from '../conversations/offer.ts'
import { openConversation } from '../conversations/open.ts'
import type { OpenedConversation } from '../conversations/store.ts'
import { leaveQueue } from '../conversations/queue.ts'
import { recordInbound } from '../conversations/recordInbound.ts'
import { inboundMediaSchema, mediaText, type InboundMedia } from '../conversations/media.ts'
import type { Conversation, PendingOption } from '../conversations/rows.ts'
import { channelSchema, type HandoffReason, type InboundMessage, type OutboundMessage } from '../conversations/types.ts'
import { resolveCustomer } from '../customers/resolveCustomer.ts'
import { parseInput } from '../http/json.ts'
import { mark } from '../perf/turnProfile.ts'
import { requestHandoff } from '../handoff/requestHandoff.ts'
import { queuePosition } from '../conversations/waiting.ts'
import { getSetting } from '../settings.ts'
import { answerQuestion, entryReply, fallbackButtons, fallbackOptions } from './answer.ts'
import { modelHelpFor } from './modelAnswer.ts'
import { classify } from './classify.ts'
import { repliesToDetailsRequest } from './details.ts'
import { greetingReply } from './greetAgain.ts'
import { mediaReply } from './media.ts'
import { detectLocale, say } from './phrases.ts'
// Tickets and surveys (bot/tickets, bot/surveys) take their messages before the usual recognition.
import { serviceTurn, startTicketInChat } from '../tickets/turn.ts'
import { startDraftWithDetails } from '../tickets/chatDraft.ts'
import { attachLaterMedia } from '../tickets/chatMedia.ts'
import { withFeedbackButtons } from '../surveys/feedback.ts'

/** Longer messages are kept whole but only this much is matched. */
export const MAX_MATCHED_CHARS = 1000

const inboundSchema = z.object({
  channel: channelSchema,
  externalUserId: z.string().min(1).max(200),
  channelMessageId: z.string().min(1).max(200),
  text: z.string().max(20_000),
  payload: z.string().max(500).optional(),
  displayName: z.string().max(200).optional(),
  address: z.record(z.string(), z.unknown()).optional(),
  receivedAt: z.date().optional(),
  media: inboundMediaSchema.optional(),
})

export interface TurnResult {
  duplicate: boolean
  conversationId: number
  /** The stored customer message; null for a duplicate (the caller looks the first one up if it needs it). */
  messageId: number | null
  replies: OutboundMessage[]
}

/** `ctx` is the transport's (a webhook, a test); once the customer is known, the turn acts as them. */
export async function handleInbound({ ctx: transport, input }: { ctx: Ctx; input: InboundMessage }): Promise<TurnResult> {
  const msg = parseInput(inboundSchema, input)
  // The model's deadline counts from here: WeChat's 5 s started when its request arrived.
  const startedAt = Date.now()
  const now = msg.receivedAt ?? transport.clock.now()
  const out = await inConversationTx(transport, async (w0) => {
    mark('customer')
    const customer = await resolveCustomer(w0.tx, msg.channel, msg.externalUserId, msg.displayName, now)
    // From here the customer acts, known by their customer id whichever channel they wrote on.
    const ctx = withActor(transport, { type: 'customer', id: customer.id })
    const w: ConversationTx = { ...w0, ctx }
    const { tx } = w
    const text = msg.payload?.startsWith('say:') ? msg.payload.slice(4) : msg.text
    let conv = await openConversation(tx, customer.id, msg.channel, msg.address ?? {}, customer.language ?? ctx.config.DEFAULT_LOCALE, now)
    // A press (a button, a menu key such as "RETURNS") carries a label or a key, not the customer's words: the language stays the conversation's.
    const language = msg.payload ? conv.language : detectLocale(text, conv.language)
    mark('dedup')
    const inserted = await recordInbound(w, conv, { channelMessageId: msg.channelMessageId, text, payload: msg.payload, language, at: now, media: msg.media })
    if (inserted == null) return { duplicate: true, conv, replies: [] as OutboundMessage[], messageId: null }
    // A photo sent after the ticket exists belongs on it too.
    await attachLaterMedia(tx, ctx.actor, now, { conversationId: conv.id, messageId: inserted, media: msg.media })
    conv = { ...conv, language }
    mark('classify')
    // Read per turn: a change saved in the panel holds from the next message, on every instance.
    const channel = await channelSettings(tx, msg.channel)
    const decided = await decide(w, conv, text, msg.payload, channel, msg.media, startedAt)
    mark('reply')
    // Knowledge answers carry 👍 / 👎 (bot/surveys/feedback.ts) unless this channel hides them.
    const replies = channel.answerFeedback ? await withFeedbackButtons(tx, decided.replies, language) : decided.replies
    return { duplicate: false, conv: decided.conversation, replies: await addReplies(w, decided.conversation, replies, now), messageId: inserted }
  })
  return { duplicate: out.duplicate, conversationId: out.conv.id, replies: out.replies, messageId: out.messageId }
}

async function decide(
  w: ConversationTx,
  conv: OpenedConversation,
  text: string,
  payload: string | undefined,
  channel: ChannelSettings,
  media: InboundMedia | undefined,
  startedAt: number,
): Promise<{ replies: Reply[]; conversation: Conversation }> {
  const { ctx, tx } = w
  const locale = conv.language
  const keep = (replies: Reply[]) => ({ replies, conversation: conv })
  // Survey answers (also while an agent has the chat), 👍/👎, a ticket being collected, "查询工单".
  // A ticket being collected keeps what arrived ("[图片] …") rather than nothing.
  const service = await serviceTurn(ctx, tx, conv, media ? mediaText(media, text) : text, payload)
  if (service) {
    w.out.after(service.after)
    return keep(service.replies)
  }
  const intent = classify(text, payload, conv.pendingOptions.length, await getSetting(tx, 'handoff.keywords'))

  // People own it: the bot never talks over an agent; a waiting customer may only ask about the queue.
  if (conv.status === 'agent') return keep([])
  if (conv.status === 'waiting') {
    if (intent.type === 'leaveQueue') {
      return { replies: [{ kind: 'system', text: say('leftQueue', locale) }], conversation: await leaveQueue(w, conv) }
    }
    if (intent.type === 'queuePosition') return keep([{ kind: 'queue', text: say('queuePosition', locale, { position: await queuePosition(tx, conv.id) }) }])
    const picked = intent.type === 'option' ? conv.pendingOptions[intent.index] : undefined
    if (intent.type === 'ticket' || (picked?.kind === 'action' && picked.action === 'ticket')) {
      // Taking the offered ticket instead of waiting longer: leave the queue, collect the ticket in the chat.
      const next = await leaveQueue(w, conv, { text })
      return { replies: await startTicketInChat(ctx, tx, next), conversation: next }
    }
    return keep([])
  }

  const choose = async (options: PendingOption[], reply: Reply, streak: number) => {
    await offerIfChanged(w, conv, options, streak)
    return keep([reply])
  }
  // A bare photo, voice message, location…: the bot cannot read it, so it asks, and offers a person.
  if (media && !text.trim() && !payload) return choose(fallbackOptions(locale), mediaReply(media, locale), conv.fallbackStreak)
  if (!text.trim() && !payload) return keep([{ kind: 'smalltalk', text: say('emptyMessage', locale) }])
  const handoff = (reason: HandoffReason) => requestHandoff(w, conv, reason)
  const ticket = async () => {
    // The request is recorded, then the bot collects the ticket in the chat (bot/tickets/chatDraft.ts).
    await recordEvent(tx, ctx.actor, 'ticket.requested', { type: 'conversation', id: conv.id }, { text })
    await offer(w, conv, [], 0)
    return keep(await startTicketInChat(ctx, tx, conv))
  }

  if (intent.type === 'option') {
    const picked = conv.pendingOptions[intent.index]
    if (picked?.kind === 'entry') {
      const reply = await entryReply(tx, conv, picked.entryId)
      if (reply) return choose([], reply, 0)
    }
    if (picked?.kind === 'action' && picked.action === 'handoff') return handoff('customer_choice')
    if (picked?.kind === 'action' && picked.action === 'ticket') return ticket()
    return choose(fallbackOptions(locale), { kind: 'fallback', text: say('fallback', locale), buttons: fallbackButtons(locale) }, conv.fallbackStreak + 1)
  }
  if (intent.type === 'handoff') return handoff('customer_request')
  if (intent.type === 'ticket') return ticket()
  const greeting: Reply = { kind: 'greeting', text: greetingText(channel, locale) }
  if (channel.handling === 'people') {
    // This channel is set to send everything to people: no FAQ answers, a hello is still greeted.
    const h = await handoff('channel_people')
    return intent.type === 'greeting' ? { ...h, replies: [greeting, ...h.replies] } : h
  }
  if (intent.type === 'greeting') return choose([], await greetingReply(tx, conv, greeting), conv.fallbackStreak)
  if (intent.type === 'thanks') return choose([], { kind: 'smalltalk', text: say('thanks', locale) }, 0)
  if (intent.type === 'goodbye') return choose([], { kind: 'smalltalk', text: say('goodbye', locale) }, 0)
  if (intent.type === 'ack') return choose([], { kind: 'smalltalk', text: say('ack', locale) }, conv.fallbackStreak)
  if (intent.type === 'case') {
    const t = await ticket()
    return { ...t, replies: [{ kind: 'system', text: say('caseNoted', locale) }, ...t.replies] }
  }
  if (intent.type === 'angry') {
    return choose(fallbackOptions(locale), { kind: 'handoff', text: say('angry', locale), buttons: fallbackButtons(locale) }, conv.fallbackStreak)
  }
  // Not in a queue, "leave the queue" or "how long" are just questions.
  mark('search')
  const answered = await answerQuestion(tx, conv, text.slice(0, MAX_MATCHED_CHARS), await modelHelpFor(ctx, tx, conv.channel, startedAt))
  mark('reply')
  const replies: Reply[] = text.length > MAX_MATCHED_CHARS ? [{ kind: 'system', text: say('tooLong', locale) }] : []
  // The details an answer asked for (报修: model, fault, address) go into the ticket, not into a search.
  if (answered.decision !== 'answer' && (await repliesToDetailsRequest(tx, conv.id))) {
    await recordEvent(tx, ctx.actor, 'ticket.requested', { type: 'conversation', id: conv.id }, { text, from: 'details' })
    await offer(w, conv, [], 0)
    return keep(await startDraftWithDetails(ctx, tx, conv, text))
  }
  if (answered.decision === 'fallback') {
    const streak = conv.fallbackStreak + 1
    // Two misses in a row: offer a person without being asked (no dead ends).
    if (streak >= (await getSetting(tx, 'handoff.fallbacksBeforeOffer'))) {
      const options = fallbackOptions(locale)
      return choose(options, { kind: 'fallback', text: say('fallbackOffer', locale), buttons: fallbackButtons(locale) }, streak)
    }
    await offerIfChanged(w, conv, answered.options, streak)
    return keep([...replies, answered.reply])
  }
  await offerIfChanged(w, conv, answered.options, 0)
  return keep([...replies, answered.reply])
}
