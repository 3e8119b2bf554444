/**
 * Inline-keyboard buttons and their callback data. Telegram limits callback_data to 64
 * bytes, and our payloads can be longer (`say:` + a question). So a button carries only
 * a reference — `k<stored message id>.<button index>` — and a press is looked up in the
 * message we sent. That also means a forged callback can only "press" a button we really
 * showed to that same Telegram user.
 */
import { sentButton } from '../../bot/conversations/messages.ts'
import type { Button } from '../../bot/conversations/types.ts'
import type { Db } from '../../bot/db/client.ts'

export const callbackData = (messageId: number, index: number) => `k${messageId}.${index}`

export function parseCallbackData(data: string | undefined): { messageId: number; index: number } | null {
  const m = data?.match(/^k(\d{1,15})\.(\d{1,2})$/)
  return m ? { messageId: Number(m[1]), index: Number(m[2]) } : null
}

/** The button a Telegram user pressed, or null when the data does not point at one we sent them. */
export async function pressedButton(db: Db, telegramUserId: string, data: string | undefined): Promise<Button | null> {
  const ref = parseCallbackData(data)
  return ref ? sentButton(db, 'telegram', telegramUserId, ref.messageId, ref.index) : null
}
