/**
 * The webhook's only proof of origin: Telegram sends back the secret we registered with
 * setWebhook in the X-Telegram-Bot-Api-Secret-Token header. Missing or wrong → 401
 * before the body is even read, so nothing is stored.
 */
import { safeEqual } from '../../bot/auth/secrets.ts'
import { Unauthorized } from '../../bot/errors.ts'

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token'

export function verifySecretToken(expected: string, sent: string | undefined | null): void {
  if (!sent) throw new Unauthorized('Missing X-Telegram-Bot-Api-Secret-Token.')
  if (!safeEqual(sent, expected)) throw new Unauthorized('Wrong X-Telegram-Bot-Api-Secret-Token.')
}
