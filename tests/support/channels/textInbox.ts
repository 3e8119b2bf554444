/**
 * What a customer on a text-only channel (WeChat, wechaty) has received: buttons arrive as
 * numbered lines, so pressing one means typing its number (or its words).
 */
import type { SeenMessage } from './driver.ts'

/** Buttons as the customer sees them: "1. label" lines (type the number) and 回复「label」 (type the words). */
export function numberedOptions(text: string): { number: string; label: string }[] {
  const numbered = [...text.matchAll(/^(\d+)\. (.+)$/gm)].map((m) => ({ number: m[1]!, label: m[2]!.trim() }))
  const line = text.match(/^回复(「.+」)$/m)?.[1] ?? ''
  const words = [...line.matchAll(/「([^」]+)」/g)].map((m) => ({ number: m[1]!, label: m[1]! }))
  return [...numbered, ...words]
}

/**
 * `messages` is the channel's list of texts received so far; `collect` (optional) copies
 * newly arrived ones into it before each look.
 */
export function textInbox(channel: string, messages: string[], say: (text: string) => Promise<void>, collect: () => void = () => {}) {
  let read = 0
  let last: { number: string; label: string }[] = []
  return {
    async press(label: string) {
      const option = last.find((o) => o.label === label)
      if (!option) throw new Error(`no option "${label}" among ${last.map((o) => o.label).join(', ')}`)
      await say(option.number)
    },
    async receive(match: RegExp, timeoutMs = 15_000): Promise<SeenMessage> {
      const until = Date.now() + timeoutMs
      while (Date.now() < until) {
        collect()
        while (read < messages.length) {
          const text = messages[read++]!
          const options = numberedOptions(text)
          if (options.length) last = options
          if (match.test(text)) return { text, buttons: options.map((o) => o.label) }
        }
        await new Promise((r) => setTimeout(r, 50))
      }
      throw new Error(`${channel} customer never received ${match}; got:\n${messages.join('\n---\n')}`)
    },
  }
}
