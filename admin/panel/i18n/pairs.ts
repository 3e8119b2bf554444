/** Strings are written as [zh, en] pairs so a key can never exist in one language only. */
import type { Locale } from '../../ui/i18n.ts'

export type Pairs = Record<string, readonly [zh: string, en: string]>

export function split(pairs: Pairs): Record<Locale, Record<string, string>> {
  const zh: Record<string, string> = {}
  const en: Record<string, string> = {}
  for (const [key, [z, e]] of Object.entries(pairs)) {
    zh[key] = z
    en[key] = e
  }
  return { zh, en }
}

/** The `panel.*` strings of one language, for a client script (it renders them with textContent). */
export function clientMessages(table: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(table).filter(([k]) => k.startsWith('panel.')))
}
