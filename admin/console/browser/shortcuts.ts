// Keyboard shortcuts of the console, and the "?" overlay that lists them. Single keys act only
// outside text fields (an agent typing "a" in a reply must not accept a chat); Alt+key works
// everywhere. Enter sends and Shift+Enter breaks the line in the reply box itself (replyBox.ts).
import { el } from '../../../bot/http/browser/dom.ts'
import type { Translate } from '../../../bot/http/browser/strings.ts'

export interface ShortcutActions {
  acceptNext(): void
  move(step: 1 | -1): void
  focusReply(): void
  showView(view: 'queue' | 'mine'): void
}

/** [keys shown, what it does] — the overlay and the README list the same. */
const KEYS: [string, string][] = [
  ['A  ·  Alt+A', 'console.keys.accept'],
  ['J  ·  Alt+↓', 'console.keys.next'],
  ['K  ·  Alt+↑', 'console.keys.prev'],
  ['R', 'console.keys.reply'],
  ['Enter', 'console.keys.send'],
  ['G Q', 'console.keys.queue'],
  ['G M', 'console.keys.mine'],
  ['?', 'console.keys.show'],
]

const typing = (e: KeyboardEvent) => {
  const n = e.target as HTMLElement | null
  return !!n && (n.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(n.tagName))
}

export function shortcuts(t: Translate, host: HTMLElement, act: ShortcutActions) {
  const help = el(
    'dialog',
    { class: 'keys-help', 'data-testid': 'keys-help', 'aria-labelledby': 'keys-title' },
    el('h2', { id: 'keys-title' }, t('console.keys.title')),
    el('table', {}, el('tbody', {}, ...KEYS.map(([k, what]) => el('tr', {}, el('td', {}, el('kbd', {}, k)), el('td', {}, t(what)))))),
    el('p', { class: 'muted small' }, t('console.keys.note')),
    el('form', { method: 'dialog' }, el('button', { type: 'submit' }, t('console.keys.close'))),
  )
  document.body.append(help)
  const toggle = () => (help.open ? help.close() : help.showModal())
  host.append(el('button', { type: 'button', class: 'secondary small', 'data-testid': 'keys-button', onclick: toggle }, t('console.keys.help')))

  let pendingG = false
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.isComposing) return
    if (e.altKey) {
      const alt: Record<string, () => void> = { ArrowDown: () => act.move(1), ArrowUp: () => act.move(-1), a: act.acceptNext, KeyA: act.acceptNext }
      const run = alt[e.key] ?? alt[e.code]
      if (run) e.preventDefault(), run()
      return
    }
    if (typing(e)) return void (e.key === 'Escape' && (e.target as HTMLElement).blur())
    if (help.open) return
    if (pendingG) {
      pendingG = false
      if (e.key === 'q') return void act.showView('queue')
      if (e.key === 'm') return void act.showView('mine')
    }
    const plain: Record<string, () => void> = {
      '?': toggle,
      a: act.acceptNext,
      j: () => act.move(1),
      k: () => act.move(-1),
      r: act.focusReply,
      g: () => (pendingG = true),
    }
    const run = plain[e.key]
    if (run) e.preventDefault(), run()
  })
}
