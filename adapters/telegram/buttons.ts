/**
 * Inline-keyboard buttons and their callback data. Telegram limits callback_data to 64
 * bytes, and our payloads can be longer (`say:` + a question). So a button carries only
 * a reference — `k<stored message id>.<button index>` — and a press is looked up in the
 * message we sent. That also means a forged callback can only "press" a button we really
 * showed to that same Telegram user.
 */
import type { Db } from '../../bot/db/client.ts'

export const callbackData = (messageId: number, index: number) => `k${messageId}.${index}`

export function parseCallbackData(data: string | undefined): { messageId: number; index: number } | null {
  const m = data?.match(/^k(\d{1,15})\.(\d{1,2})$/)
  return m ? { messageId: Number(m[1]), index: Number(m[2]) } : null
}

/** The button a Telegram user pressed, or null when the data does not point at one we sent them. */
export async function pressedButton(db: Db, telegramUserId: string, data: string | undefined): Promise<{ label: string; payload: string } | null> {
  const ref = parseCallbackData(data)
  if (!ref) return null
  const r = await db.query<{ parts: any }>(
    `select m.parts from messages m
       join conversations c on c.id = m.conversation_id
       join customer_identities i on i.customer_id = c.customer_id and i.channel = 'telegram' and i.external_id = $2
      where m.id = $1 and m.direction = 'out' and m.channel = 'telegram'`,
    [ref.messageId, telegramUserId],
  )
  const parts = typeof r.rows[0]?.parts === 'string' ? JSON.parse(r.rows[0].parts) : r.rows[0]?.parts
  const b = parts?.buttons?.[ref.index]
  return b && typeof b.label === 'string' ? { label: b.label, payload: String(b.payload ?? '') } : null
}
