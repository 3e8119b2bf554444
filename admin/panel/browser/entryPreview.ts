// How an answer looks on each channel: web chat and Telegram show buttons, Teams a card,
// WeChat (official account) plain text with numbered options. Pure rendering, no network.
import { el } from '../../../bot/http/browser/dom.ts'
import { L } from './panel.ts'

export type Channel = 'webchat' | 'wechat' | 'telegram' | 'teams'
export interface AnswerButton {
  label: string
  reply?: string
}

/** "label | reply" lines → [{label, reply?}] (what answerExtras.buttons stores). */
export function parseButtons(text: string): AnswerButton[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((line) => {
    const [label = '', ...rest] = line.split('|')
    const reply = rest.join('|').trim()
    return reply ? { label: label.trim(), reply } : { label: label.trim() }
  })
}

export function renderPreview(channel: Channel, { answer, override, buttons }: { answer: string; override: string; buttons: AnswerButton[] }) {
  const text = override || answer
  const bubble = el('div', { class: `bubble ch-${channel}` })
  if (channel === 'wechat') {
    const lines = [text]
    if (buttons.length) lines.push('', L('panel.ch.replyNumber'), ...buttons.map((b, i) => `${i + 1}. ${b.label}`))
    bubble.append(el('pre', { class: 'plain' }, lines.join('\n')))
  } else if (channel === 'teams') {
    bubble.append(el('div', { class: 'card-body' }, text), el('div', { class: 'card-actions' }, buttons.map((b) => el('span', { class: 'card-action' }, b.label))))
  } else {
    bubble.append(el('div', { class: 'text' }, text))
    if (buttons.length) bubble.append(el('div', { class: channel === 'telegram' ? 'keyboard' : 'quick' }, buttons.map((b) => el('span', { class: 'btn' }, b.label))))
  }
  const notes = [el('p', { class: 'muted small' }, L(`panel.ch.${channel}.note`))]
  if (override) notes.push(el('p', { class: 'muted small' }, L('panel.ch.override')))
  return [bubble, ...notes]
}
