/** What the console's parts share: strings, who is looking, the agents and canned replies loaded, and the actions. */
import type { Translate } from '../../../bot/http/browser/strings.ts'
import type { Agent, Canned } from './types.ts'

export interface ConsoleApp {
  t: Translate
  me: number
  locale: string
  supervisor: boolean
  /** The right-hand side, where the open conversation is drawn. */
  view: HTMLElement
  agents(): Agent[]
  canned(): Canned[]
  open(id: number): void
  /** Run an action on a conversation; false when it was refused (the reason is on screen). */
  act(id: number, verb: string, body?: unknown): Promise<boolean>
  /** Any other call of the staff API (a 401 goes to the login); throws ApiError on a refusal. */
  call<T>(method: string, url: string, body?: unknown): Promise<T>
  /** Re-read the open conversation and the list (after a change made from the side panel). */
  refresh(): Promise<void>
}

/** Short local date and time ("11/23 11:05"). */
export const shortTime = (app: ConsoleApp, d: string) =>
  new Date(d).toLocaleString(app.locale === 'zh' ? 'zh-CN' : 'en', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })

/** A known code in words (bot answer kinds, tiers, hand-off reasons); an unknown one as it is. */
export function codeLabel(app: ConsoleApp, group: string, code: string) {
  const key = `console.${group}.${code}`
  const text = app.t(key)
  return text === key ? code : text
}
