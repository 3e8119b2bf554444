// The editor's similar questions: add, remove, reorder — by mouse or keyboard (Enter adds
// the next, Alt+↑/↓ moves, Backspace in an empty one removes it).
import { el } from '../../../bot/http/browser/dom.ts'
import { ENTRY_LIMITS } from '../../../knowledge/entries/limits.ts'
import { L } from './panel.ts'

export function similarList(list: HTMLElement, initial: string[]) {
  const addButton = document.getElementById('similar-add')
  const icon = (attrs: Record<string, string>, label: string, glyph: string) =>
    el('button', { type: 'button', class: 'icon', ...attrs, title: label, 'aria-label': label }, glyph)
  const row = (text = '') =>
    el(
      'li',
      {},
      el('input', {
        class: 'similar-input',
        value: text,
        maxlength: ENTRY_LIMITS.similar,
        placeholder: L('panel.similar.placeholder'),
        'aria-label': L('panel.similar.placeholder'),
      }),
      icon({ 'data-move': '-1' }, L('panel.up'), '↑'),
      icon({ 'data-move': '1' }, L('panel.down'), '↓'),
      icon({ 'data-remove': '' }, L('panel.remove'), '×'),
      el('span', { class: 'field-error' }),
    )
  const inputOf = (li: Element | null | undefined) => li?.querySelector('input') ?? null

  function move(li: Element, by: number) {
    const target = by < 0 ? li.previousElementSibling : li.nextElementSibling?.nextElementSibling
    if (by < 0 && !target) return
    list.insertBefore(li, target ?? null)
    inputOf(li)?.focus()
  }
  function add(after: Element | null, text = '') {
    const li = row(text)
    list.insertBefore(li, after ? after.nextElementSibling : null)
    inputOf(li)?.focus()
  }
  function remove(li: Element, focusNext: Element | null) {
    li.remove()
    ;(inputOf(focusNext) ?? addButton)?.focus()
  }

  for (const q of initial) list.append(row(q))
  addButton?.addEventListener('click', () => add(null))
  list.addEventListener('click', (e) => {
    const b = (e.target as Element).closest<HTMLButtonElement>('button')
    const li = b?.closest('li')
    if (!b || !li) return
    if (b.dataset.move) move(li, Number(b.dataset.move))
    if (b.hasAttribute('data-remove')) remove(li, li.nextElementSibling ?? li.previousElementSibling)
  })
  list.addEventListener('keydown', (e) => {
    const target = e.target as HTMLInputElement
    const li = target.closest('li')
    if (!li || target.tagName !== 'INPUT') return
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) e.preventDefault(), add(li)
    else if (e.altKey && e.key === 'ArrowUp') e.preventDefault(), move(li, -1)
    else if (e.altKey && e.key === 'ArrowDown') e.preventDefault(), move(li, 1)
    else if (e.key === 'Backspace' && target.value === '' && list.children.length > 0) {
      e.preventDefault()
      const prev = li.previousElementSibling ?? li.nextElementSibling
      li.remove()
      inputOf(prev)?.focus()
    }
  })
  return () => [...list.querySelectorAll('input')]
}
