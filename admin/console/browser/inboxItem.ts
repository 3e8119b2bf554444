// One row of the console's conversation list: who, where, status, the unread marker (this
// agent's, kept on the server) and how long the customer has been waiting, kept live.
import { el } from '../../../bot/http/browser/dom.ts'
import type { Translate } from '../../../bot/http/browser/strings.ts'
import type { ListItem } from './types.ts'
import { waitText } from './waitClock.ts'

export function inboxItem(t: Translate, c: ListItem, openId: number | null, open: (id: number) => void) {
  const who = c.assigneeName ? ` · ${t('console.handledBy', { name: c.assigneeName })}` : ''
  const unread = c.unread > 0 && c.id !== openId
  return el(
    'li',
    {},
    el(
      'button',
      {
        type: 'button',
        class: `conv${c.id === openId ? ' open' : ''}${unread ? ' unread' : ''}`,
        'data-id': c.id,
        'data-testid': 'conv-item',
        onclick: () => open(c.id),
      },
      el(
        'span',
        { class: 'name' },
        c.customerName,
        c.tier === 'vip' ? el('span', { class: 'badge vip' }, t('console.vip')) : null,
        c.team ? el('span', { class: 'badge' }, t('console.team', { team: c.team })) : null,
        unread ? el('span', { class: 'badge unread', 'data-testid': 'unread', title: t('console.unread', { n: c.unread }) }, c.unread) : null,
      ),
      el('span', { class: 'muted small' }, `#${c.id} · ${c.channel} · ${t(`console.status.${c.status}`)}${who}`),
      c.waitingSince ? el('span', { class: 'wait small', 'data-since': c.waitingSince, 'data-testid': 'wait' }, waitText(t, c.waitingSince)) : null,
      c.last ? el('span', { class: 'last' }, c.last.text) : null,
    ),
  )
}
