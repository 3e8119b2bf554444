/**
 * The bot's turn for one customer message, in order: de-duplicate on the channel's
 * message id; resolve customer and conversation; if people own the conversation, stay
 * silent (the agent sees it live); otherwise recognise small talk, a request for a
 * person, a pick among offered options, anger — and only then ask the answer engine.
 * Everything is stored in one transaction; live screens are told after it commits.
 */
import { z } from 'zod'
import { recordEvent } from '../audit.ts'
import type { Ctx } from '../context.ts'
import type { Db } from '../db/client.ts'
import { announceMessages, announceStatus, insertReply, type Reply } from '../conversations/emit.ts'
import { releaseHeld } from '../channels/deliver.ts'
import { PULL_CHANNELS } from '../channels/senders.ts'
import { channelSettings, greetingText, type ChannelSettings } from '../channels/channelSettings.ts'
import { openConversation, type Conversation, type PendingOption } from '../conversations/store.ts'
import type { InboundMessage, OutboundMessage } from '../conversations/types.ts'
import { resolveCustomer, type CustomerRef } from '../customers/resolveCustomer.ts'
import { parseInput } from '../http/json.ts'
import { requestHandoff } from '../handoff/requestHandoff.ts'
import { queuePosition } from '../handoff/queue.ts'
import { getSetting } from '../settings.ts'
import { answerQuestion, entryReply, fallbackButtons, fallbackOptions } from './answer.ts'
import { classify } from './classify.ts'
import { detectLocale, say } from './phrases.ts'
// Tickets and surveys (bot/tickets, bot/surveys) take their messages before the usual recognition.
import { serviceTurn, startTicketInChat } from '../tickets/turn.ts'
import { withFeedbackButtons } from '../surveys/feedback.ts'

/** Longer messages are kept whole but only this much is matched. */
export const MAX_MATCHED_CHARS = 1000

const inboundSchema = z.object({
  channel: z.enum(['webchat', 'wechat', 'wechaty', 'telegram', 'teams']),
  externalUserId: z.string().min(1).max(200),
  channelMessageId: z.string().min(1).max(200),
  text: z.string().max(20_000),
  payload: z.string().max(500).optional(),
  displayName: z.string().max(200).optional(),
  address: z.record(z.string(), z.unknown()).optional(),
  receivedAt: z.date().optional(),
})

export interface TurnResult {
  duplicate: boolean
  conversationId: number
  replies: OutboundMessage[]
}

export async function handleInbound({ ctx, input }: { ctx: Ctx; input: InboundMessage }): Promise<TurnResult> {
  const msg = parseInput(inboundSchema, input)
  const now = msg.receivedAt ?? ctx.clock.now()
  const out = await ctx.db.transaction(async (tx) => {
    const customer = await resolveCustomer(tx, msg.channel, msg.externalUserId, msg.displayName, now)
    const text = msg.payload?.startsWith('say:') ? msg.payload.slice(4) : msg.text
    let conv = await openConversation(tx, customer.id, msg.channel, msg.address ?? {}, customer.language ?? ctx.config.DEFAULT_LOCALE, now)
    const inserted = await tx.query<{ id: number }>(
      `insert into messages (conversation_id, direction, sender_type, sender_id, text, parts, channel, channel_message_id, kind, created_at)
       values ($1, 'in', 'customer', $2, $3, $4, $5, $6, 'customer', $7)
       on conflict (channel, channel_message_id) where channel_message_id is not null do nothing returning id`,
      [conv.id, customer.id, text, JSON.stringify(msg.payload ? { payload: msg.payload } : {}), msg.channel, msg.channelMessageId, now],
    )
    if (!inserted.rows[0]) return { duplicate: true, conv, ids: [] as number[], replies: [] as OutboundMessage[], statusChanged: false, after: undefined }
    const language = detectLocale(text, conv.language)
    await tx.query('update conversations set last_customer_message_at = $2, language = $3, updated_at = $2 where id = $1', [conv.id, now, language])
    await tx.query('update customers set language = $2 where id = $1', [customer.id, language])
    conv = { ...conv, language }
    const before = conv.status
    // Read per turn: a change saved in the panel holds from the next message, on every instance.
    const channel = await channelSettings(tx, msg.channel)
    const { replies: decided, conversation, after } = await decide(ctx, tx, conv, customer, text, msg.payload, channel)
    // Knowledge answers carry 👍 / 👎 (bot/surveys/feedback.ts) unless this channel hides them.
    const replies = channel.answerFeedback ? await withFeedbackButtons(tx, decided, language) : decided
    const stored: OutboundMessage[] = []
    for (const r of replies) stored.push(await insertReply(tx, conversation, r, now))
    return { duplicate: false, conv: conversation, ids: [inserted.rows[0].id, ...stored.map((s) => s.id)], replies: stored, statusChanged: conversation.status !== before, after }
  })
  if (!out.duplicate) {
    // The customer wrote: a push channel's window (WeChat 48 h) is open again. The web chat holds nothing.
    if (!PULL_CHANNELS.has(out.conv.channel)) await releaseHeld(ctx, out.conv.id)
    await announceMessages(ctx, out.conv.id, out.ids)
    if (out.statusChanged) await announceStatus(ctx, out.conv)
    await out.after?.()
  }
  return { duplicate: out.duplicate, conversationId: out.conv.id, replies: out.replies }
}

async function decide(ctx: Ctx, tx: Db, conv: Conversation, customer: CustomerRef, text: string, payload: string | undefined, channel: ChannelSettings): Promise<{ replies: Reply[]; conversation: Conversation; after?: () => Promise<void> }> {
  const locale = conv.language
  const keep = (replies: Reply[]) => ({ replies, conversation: conv })
  // Survey answers (also while an agent has the chat), 👍/👎, a ticket being collected, "查询工单".
  const service = await serviceTurn(ctx, tx, conv, text, payload)
  if (service) return { replies: service.replies, conversation: conv, after: service.after }
  const intent = classify(text, payload, conv.pendingOptions.length, await getSetting(tx, 'handoff.keywords'))

  // People own it: the bot never talks over an agent; a waiting customer may only ask about the queue.
  if (conv.status === 'agent') return keep([])
  if (conv.status === 'waiting') {
    if (intent.type === 'leaveQueue') {
      await tx.query(`update conversations set status = 'bot', queued_at = null, updated_at = now() where id = $1`, [conv.id])
      await recordEvent(tx, ctx.actor, 'handoff.left_queue', { type: 'conversation', id: conv.id })
      return { replies: [{ kind: 'system', text: say('leftQueue', locale) }], conversation: { ...conv, status: 'bot' } }
    }
    if (intent.type === 'queuePosition') return keep([{ kind: 'queue', text: say('queuePosition', locale, { position: await queuePosition(tx, conv.id) }) }])
    const picked = intent.type === 'option' ? conv.pendingOptions[intent.index] : undefined
    if (intent.type === 'ticket' || (picked?.kind === 'action' && picked.action === 'ticket')) {
      // Taking the offered ticket instead of waiting longer: leave the queue, collect the ticket in the chat.
      await tx.query(`update conversations set status = 'bot', queued_at = null, pending_options = '[]', updated_at = now() where id = $1`, [conv.id])
      await recordEvent(tx, ctx.actor, 'ticket.requested', { type: 'conversation', id: conv.id }, { text, from: 'queue' })
      const next = { ...conv, status: 'bot' as const }
      return { replies: await startTicketInChat(ctx, tx, next), conversation: next }
    }
    return keep([])
  }

  if (!text.trim() && !payload) return keep([{ kind: 'smalltalk', text: say('emptyMessage', locale) }])
  const choose = async (options: PendingOption[], reply: Reply, streak: number) => {
    await tx.query('update conversations set pending_options = $2, fallback_streak = $3 where id = $1', [conv.id, JSON.stringify(options), streak])
    return keep([reply])
  }
  const handoff = async (reason: string) => {
    const h = await requestHandoff(ctx, tx, conv, reason, customer)
    if (h.options.length) await tx.query('update conversations set pending_options = $2 where id = $1', [conv.id, JSON.stringify(h.options)])
    return { replies: h.replies, conversation: h.conversation }
  }
  const ticket = async () => {
    // The request is recorded, then the bot collects the ticket in the chat (bot/tickets/chatDraft.ts).
    await recordEvent(tx, ctx.actor, 'ticket.requested', { type: 'conversation', id: conv.id }, { text })
    await tx.query(`update conversations set pending_options = '[]', fallback_streak = 0 where id = $1`, [conv.id])
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
  if (intent.type === 'greeting') return choose([], greeting, conv.fallbackStreak)
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
  const answered = await answerQuestion(tx, conv, text.slice(0, MAX_MATCHED_CHARS))
  const replies: Reply[] = text.length > MAX_MATCHED_CHARS ? [{ kind: 'system', text: say('tooLong', locale) }] : []
  if (answered.decision === 'fallback') {
    const streak = conv.fallbackStreak + 1
    // Two misses in a row: offer a person without being asked (no dead ends).
    if (streak >= (await getSetting(tx, 'handoff.fallbacksBeforeOffer'))) {
      const options = fallbackOptions(locale)
      return choose(options, { kind: 'fallback', text: say('fallbackOffer', locale), buttons: fallbackButtons(locale) }, streak)
    }
    await tx.query('update conversations set pending_options = $2, fallback_streak = $3 where id = $1', [conv.id, JSON.stringify(answered.options), streak])
    return keep([...replies, answered.reply])
  }
  await tx.query('update conversations set pending_options = $2, fallback_streak = 0 where id = $1', [conv.id, JSON.stringify(answered.options)])
  return keep([...replies, answered.reply])
}
