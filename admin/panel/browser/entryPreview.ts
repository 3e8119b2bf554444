// How an answer looks on each channel: web chat and Telegram show buttons, Teams a card,
// WeChat (official account) plain text with numbered options. The answer's Markdown is
// rendered by the server with the channels' own renderer (POST /api/v1/panel/preview); its
// HTML is built there from escaped text, so it is the one thing set as innerHTML.
import { api } from '../../../bot/http/browser/api.ts'
import { el } from '../../../bot/http/browser/dom.ts'
import { L } from './panel.ts'

export type Channel = 'webchat' | 'wechat' | 'telegram' | 'teams'
export interface AnswerButton {
  label: string
  reply?: string
}

/** What the preview route returns for one text. */
export interface Rendered {
  webchat: { html: string }
  telegram: { html: string }
  teams: { html: string }
  wechat: { text: string }
}

/** The server's rendering per text, kept for the last few texts so tab switches need no request. */
const cache = new Map<string, Promise<Rendered | null>>()
export function rendered(text: string): Promise<Rendered | null> {
  let hit = cache.get(text)
  if (!hit) {
    if (cache.size > 20) cache.delete(cache.keys().next().value!)
    hit = api<Rendered>('POST', '/api/v1/panel/preview', { text }).catch(() => (cache.delete(text), null))
    cache.set(text, hit)
  }
  return hit
}

const rich = (cls: string, html: string | undefined, text: string) => {
  const div = el('div', { class: cls })
  if (html != null) div.innerHTML = html
  else div.textContent = text
  return div
}

/** "label | reply" lines → [{label, reply?}] (what answerExtras.buttons stores). */
export function parseButtons(text: string): AnswerButton[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [label = '', ...rest] = line.split('|')
      const reply = rest.join('|').trim()
      return reply ? { label: label.trim(), reply } : { label: label.trim() }
    })
}

/** `shown`: the server's rendering of the text, or null (not back yet, or failed: the raw text). */
export function renderPreview(
  channel: Channel,
  { answer, override, buttons }: { answer: string; override: string; buttons: AnswerButton[] },
  shown: Rendered | null = null,
) {
  const text = override || answer
  const bubble = el('div', { class: `bubble ch-${channel}` })
  if (channel === 'wechat') {
    const lines = [shown?.wechat.text ?? text]
    if (buttons.length) lines.push('', L('panel.ch.replyNumber'), ...buttons.map((b, i) => `${i + 1}. ${b.label}`))
    bubble.append(el('pre', { class: 'plain' }, lines.join('\n')))
  } else if (channel === 'teams') {
    bubble.append(
      rich('card-body lines', shown?.teams.html, text),
      el(
        'div',
        { class: 'card-actions' },
        buttons.map((b) => el('span', { class: 'card-action' }, b.label)),
      ),
    )
  } else {
    bubble.append(rich(channel === 'telegram' ? 'text lines' : 'text rich', shown?.[channel].html, text))
    if (buttons.length)
      bubble.append(
        el(
          'div',
          { class: channel === 'telegram' ? 'keyboard' : 'quick' },
          buttons.map((b) => el('span', { class: 'btn' }, b.label)),
        ),
      )
  }
  const notes = [el('p', { class: 'muted small' }, L(`panel.ch.${channel}.note`))]
  if (override) notes.push(el('p', { class: 'muted small' }, L('panel.ch.override')))
  return [bubble, ...notes]
}
