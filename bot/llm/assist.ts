/**
 * What the three agent-assist calls share: whether assist is on (a model configured and the
 * setting llm.assist), the conversation as lines the model reads (masked unless the admin
 * allows personal data), and the check that a value the model "found" was really written
 * by the customer — a model that invents an order number must not put it before an agent.
 */
import type { Ctx } from '../context.ts'
import { recentPublic } from '../conversations/messages.ts'
import type { Locale } from '../conversations/types.ts'
import type { Db } from '../db/client.ts'
import { getSetting } from '../settings.ts'
import type { AskDeps } from './ask.ts'
import { createMasker, type Masker } from './mask.ts'

export interface Assist {
  deps: AskDeps
  masker: Masker
  deadline: number
}

/** Null when there is no model or the admin turned assist off: callers then do what they did before. */
export async function assistFor(ctx: Pick<Ctx, 'config' | 'db' | 'log'>, db: Db = ctx.db): Promise<Assist | null> {
  if (!ctx.config.llm) return null
  const settings = await getSetting(db, 'llm')
  if (!settings.assist) return null
  return {
    deps: { config: ctx.config, db: ctx.db, log: ctx.log },
    masker: createMasker(!settings.sendPersonalData),
    deadline: Date.now() + ctx.config.LLM_ASSIST_TIMEOUT_MS,
  }
}

export const languageName = (l: Locale) => (l === 'zh' ? 'Chinese (简体中文)' : 'English')

const ROLE: Record<string, string> = { customer: 'customer', bot: 'bot', agent: 'agent', system: 'system' }

/** The last public messages, oldest first, as "customer: …" lines, masked. */
export async function conversationLines(db: Db, conversationId: number, masker: Masker, opts: { limit: number; customerOnly?: boolean }): Promise<string[]> {
  const rows = await recentPublic(db, conversationId, opts.limit)
  return rows
    .filter((m) => m.text.trim() && (!opts.customerOnly || m.senderType === 'customer'))
    .map((m) => `${ROLE[m.senderType] ?? 'bot'}: ${masker.mask(m.text.slice(0, 500))}`)
}

/** What the customer wrote, for checking found values against. */
export async function customerWords(db: Db, conversationId: number): Promise<string> {
  const rows = await recentPublic(db, conversationId, 60)
  return rows
    .filter((m) => m.senderType === 'customer')
    .map((m) => m.text)
    .join('\n')
}

const squash = (s: string) => s.replace(/[\s\-－—()（）]/g, '').toLowerCase()
/** Full-width digits and letters as half-width, so 1３９… written on a Chinese keyboard still matches. */
const halfWidth = (s: string) => s.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))

/** Restored, and kept only when the customer wrote it (spaces and dashes aside). */
export function foundValue(masker: Masker, value: string | null | undefined, written: string): string | null {
  if (!value) return null
  const real = masker.restore(value).trim()
  if (!real || /\[(?:EMAIL|ID|PHONE|ADDRESS|ORDER)_\d+\]/.test(real)) return null
  return squash(halfWidth(written)).includes(squash(halfWidth(real))) ? real : null
}
