// 未知问题: "add as a similar question" opens a picker with the entries search would
// suggest for the question (plus a box to find any other entry); picking one saves it;
// "dismiss" asks first. Handled rows leave the list. Texts go in as text (el()).
import { api } from '../../../bot/http/browser/api.ts'
import { el, say } from '../../../bot/http/browser/dom.ts'
import { errorText, L } from './panel.ts'

interface EntryRef {
  id: string
  question: string
}

const statusBox = document.getElementById('un-status')
const errorBox = document.getElementById('un-error')
const keysOf = (item: HTMLElement) => JSON.parse(item.dataset.keys || '[]') as string[]
const none = () => el('li', { class: 'muted small' }, L('panel.try.none'))
const entryHref = (id: string) => `/admin/knowledge/${encodeURIComponent(id)}`

function done(item: HTMLElement, message: string, ...extra: (Node | string)[]) {
  say(errorBox, '')
  say(statusBox, message, ...extra)
  item.remove()
}

async function addTo(item: HTMLElement, entry: EntryRef) {
  try {
    const r = await api<{ entryId: string; status: string; version: number }>('POST', '/api/v1/panel/unanswered/similar', {
      entryId: entry.id,
      text: item.dataset.sample,
      keys: keysOf(item),
    })
    const link = el('a', { href: entryHref(r.entryId) }, entry.question)
    const tryIt = el('a', { href: `/admin/knowledge/try?q=${encodeURIComponent(item.dataset.sample ?? '')}` }, L('panel.un.try'))
    done(item, L(r.status === 'published' ? 'panel.un.added' : 'panel.un.addedDraft', { v: r.version }), ' ', link, ' · ', tryIt)
  } catch (err) {
    say(errorBox, errorText(err))
  }
}

function entryRow(item: HTMLElement, entry: EntryRef, score?: number) {
  return el(
    'li',
    {},
    el(
      'button',
      { type: 'button', class: 'secondary', 'data-testid': 'un-pick', 'data-entry': entry.id, onclick: () => void addTo(item, entry) },
      L('panel.un.addHere'),
    ),
    ' ',
    el('a', { href: entryHref(entry.id), target: '_blank' }, entry.question),
    score === undefined ? '' : el('span', { class: 'muted small' }, ` ${L('panel.try.score')} ${Number(score).toFixed(2)}`),
  )
}

async function openPicker(item: HTMLElement) {
  const box = item.querySelector<HTMLElement>('.un-picker')!
  if (!box.hidden) return void (box.hidden = true)
  box.hidden = false
  box.replaceChildren(el('p', { class: 'muted small' }, L('panel.whatif.loading')))
  const list = el('ul', { class: 'un-candidates', 'data-testid': 'un-candidates' })
  const find = el('input', { type: 'search', maxlength: 200, placeholder: L('panel.un.find'), 'aria-label': L('panel.un.find') })
  const found = el('ul', { class: 'un-candidates' })
  let timer: ReturnType<typeof setTimeout> | undefined
  find.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(async () => {
      const q = find.value.trim()
      if (!q) return void found.replaceChildren()
      try {
        const r = await api<{ items: EntryRef[] }>('GET', `/api/v1/kb/entries?limit=10&q=${encodeURIComponent(q)}`)
        found.replaceChildren(...(r.items.length ? r.items.map((e) => entryRow(item, e)) : [none()]))
      } catch (err) {
        say(errorBox, errorText(err))
      }
    }, 250)
  })
  try {
    const r = await api<{ candidates: { entryId: string; question: string; score: number }[] }>('POST', '/api/v1/kb/search', {
      text: item.dataset.sample,
      limit: 5,
    })
    list.replaceChildren(...(r.candidates.length ? r.candidates.map((c) => entryRow(item, { id: c.entryId, question: c.question }, c.score)) : [none()]))
  } catch (err) {
    say(errorBox, errorText(err))
  }
  box.replaceChildren(el('p', { class: 'small' }, L('panel.un.suggested')), list, find, found)
  find.focus({ preventScroll: true })
}

async function dismiss(item: HTMLElement, button: HTMLElement) {
  if (!window.confirm(button.dataset.confirmText ?? '')) return
  try {
    await api('POST', '/api/v1/panel/unanswered/dismiss', { sample: item.dataset.sample, keys: keysOf(item), source: item.dataset.source || 'question' })
    done(item, L('panel.un.dismissed'))
  } catch (err) {
    say(errorBox, errorText(err))
  }
}

document.addEventListener('click', (e) => {
  const button = (e.target as Element).closest?.<HTMLElement>('[data-act]')
  const item = button?.closest<HTMLElement>('.un-item')
  if (!button || !item) return
  if (button.dataset.act === 'similar') void openPicker(item)
  if (button.dataset.act === 'dismiss') void dismiss(item, button)
})
