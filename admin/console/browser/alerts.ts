// What makes an agent look up: a chime and a desktop notification when a customer starts
// waiting or writes in one of my conversations, a "(3) …" badge in the tab title (waiting +
// unread), a reminder while customers keep waiting, and the warnings strip (long waits,
// tickets near or over SLA). Permission for notifications is asked with a line on the page and
// a button, never on load: browsers block sites that ask unprompted, and agents decline them.
import { el } from '../../../bot/http/browser/dom.ts'
import type { Translate } from '../../../bot/http/browser/strings.ts'
import { chime, isMuted, setMuted } from './chime.ts'
import type { Alerts, ListItem } from './types.ts'
import { syncClock, waitText } from './waitClock.ts'

const ASKED_KEY = 'kefu.console.notify.asked'
/** While anyone waits, remind this often. */
const REMIND_MS = 2 * 60_000

export interface Watch {
  queue: ListItem[]
  mine: ListItem[]
  /** The conversation on screen, when the agent can see it (its messages are not news). */
  openId: number | null
}

export function alerter(t: Translate, opts: { tools: HTMLElement; strip: HTMLElement; open(id: number): void }) {
  const baseTitle = document.title
  let seenWaiting: Set<number> | null = null
  const unreadSeen = new Map<number, number>()
  let lastAlertAt = 0
  let waitingNow = 0

  function notify(title: string, body: string, tag: string, conversationId?: number) {
    if (!('Notification' in window) || Notification.permission !== 'granted') return
    const n = new Notification(title, { body, tag, lang: document.documentElement.lang })
    n.onclick = () => {
      window.focus()
      if (conversationId) opts.open(conversationId)
      n.close()
    }
  }
  const ring = () => ((lastAlertAt = Date.now()), chime())

  /** Compare with the last look; the first look only learns what is already there. */
  function update(w: Watch) {
    const waitingIds = new Set(w.queue.map((c) => c.id))
    const fresh = seenWaiting ? w.queue.filter((c) => !seenWaiting!.has(c.id)) : []
    const firstLook = seenWaiting === null
    seenWaiting = waitingIds
    waitingNow = w.queue.length
    const messages = w.mine.filter((c) => c.id !== w.openId && c.unread > (unreadSeen.get(c.id) ?? 0))
    for (const c of w.mine) unreadSeen.set(c.id, c.id === w.openId ? 0 : c.unread)
    if (fresh.length) {
      ring()
      const c = fresh[0]!
      notify(t('console.notify.newChat'), `${c.customerName}${c.last ? `：${c.last.text}` : ''}`, 'kefu-waiting', c.id)
    } else if (messages.length && !firstLook) {
      ring()
      const c = messages[0]!
      notify(t('console.notify.newMessage', { name: c.customerName }), c.last?.text ?? '', `kefu-c${c.id}`, c.id)
    }
    const unread = w.mine.reduce((n, c) => n + (c.id === w.openId ? 0 : c.unread), 0)
    const badge = w.queue.length + unread
    document.title = badge > 0 ? `(${badge}) ${baseTitle}` : baseTitle
  }

  // Customers who keep waiting are not forgotten: a reminder every two minutes.
  setInterval(() => {
    if (waitingNow === 0 || Date.now() - lastAlertAt < REMIND_MS) return
    ring()
    notify(t('console.notify.waiting', { n: waitingNow }), '', 'kefu-waiting')
  }, 15_000)

  function drawStrip(a: Alerts) {
    syncClock(a.now)
    const parts: Node[] = []
    if (a.waits.length)
      parts.push(
        el(
          'p',
          { class: `alert-line ${a.waits.some((w) => w.level === 'over') ? 'over' : 'near'}`, 'data-testid': 'alert-waits' },
          el('strong', {}, t('console.alerts.waits')),
          ...a.waits
            .slice(0, 3)
            .map((w) =>
              el(
                'button',
                { type: 'button', class: 'link', onclick: () => opts.open(w.conversationId) },
                t('console.alerts.waitNear', { name: w.customerName, wait: waitText(t, w.since) }),
              ),
            ),
        ),
      )
    if (a.tickets.length)
      parts.push(
        el(
          'p',
          { class: `alert-line ${a.tickets.some((x) => x.level === 'over') ? 'over' : 'near'}`, 'data-testid': 'alert-tickets' },
          el('strong', {}, t('console.alerts.tickets')),
          ...a.tickets
            .slice(0, 4)
            .map((x) =>
              el(
                'a',
                { href: `/admin/tickets/${encodeURIComponent(x.number)}`, title: x.subject, class: x.level },
                t(`console.alerts.${x.level}`, { number: x.number, clock: t(`console.alerts.clock.${x.clock}`) }),
              ),
            ),
        ),
      )
    opts.strip.replaceChildren(...parts)
    opts.strip.hidden = parts.length === 0
  }

  function tools() {
    const sound = el('button', { type: 'button', class: 'secondary small', 'data-testid': 'sound-toggle', 'aria-pressed': String(!isMuted()) })
    const label = () => {
      sound.textContent = t(isMuted() ? 'console.sound.off' : 'console.sound.on')
      sound.setAttribute('aria-pressed', String(!isMuted()))
    }
    sound.addEventListener('click', () => (setMuted(!isMuted()), label(), isMuted() || chime()))
    label()
    opts.tools.prepend(sound)
    askPermission()
  }

  function askPermission() {
    if (!('Notification' in window)) return
    if (Notification.permission === 'denied') return void opts.tools.after(el('p', { class: 'muted small' }, t('console.notify.denied')))
    if (Notification.permission !== 'default' || localStorage.getItem(ASKED_KEY)) return
    const done = (): void => {
      localStorage.setItem(ASKED_KEY, '1')
      box.remove()
    }
    const box: HTMLElement = el(
      'div',
      { class: 'notify-ask', role: 'note', 'data-testid': 'notify-ask' },
      el('span', {}, t('console.notify.ask')),
      el(
        'span',
        { class: 'row' },
        el('button', { type: 'button', onclick: () => void Notification.requestPermission().finally(() => done()) }, t('console.notify.allow')),
        el('button', { type: 'button', class: 'secondary', onclick: () => done() }, t('console.notify.later')),
      ),
    )
    opts.tools.after(box)
  }

  tools()
  return { update, drawStrip }
}
