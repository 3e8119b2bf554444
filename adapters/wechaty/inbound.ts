/**
 * A wechaty message → the bot's InboundMessage, as a pure function of the few facts we
 * read from it. Contacts are customers (their wechaty id is the identity). In a group the
 * bot answers only when it is @-mentioned, and replies in that group; our own messages
 * and other message kinds we cannot read are ignored.
 */
import type { InboundMessage } from '../../bot/conversations/types.ts'

export interface WechatyFacts {
  id: string
  self: boolean
  talkerId: string
  talkerName?: string
  /** wechaty's message type name: Text, Image, Audio… */
  kind: string
  /** The text with @-mentions removed (mentionText()). */
  text: string
  roomId?: string
  mentionsBot: boolean
}

const LABELS: Record<string, string> = { Image: '[图片]', Audio: '[语音]', Video: '[视频]', Attachment: '[文件]', Emoticon: '[表情]' }

export function toInbound(f: WechatyFacts): InboundMessage | null {
  if (f.self) return null
  if (f.roomId && !f.mentionsBot) return null
  const text = f.kind === 'Text' ? f.text.trim() : LABELS[f.kind]
  if (!text) return null
  return {
    channel: 'wechaty',
    externalUserId: f.talkerId,
    channelMessageId: f.id,
    text,
    ...(f.talkerName ? { displayName: f.talkerName } : {}),
    // Replies go where the customer last wrote: their private chat, or the group that mentioned
    // us — a shared place, which a conversation an agent handles privately never moves to.
    address: f.roomId ? { roomId: f.roomId, contactId: f.talkerId, shared: true } : { contactId: f.talkerId },
  }
}
