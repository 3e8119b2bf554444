// The editor's category: three cascading selects by name (entries store the path by name).
import { el } from '../../../bot/http/browser/dom.ts'
import { L } from './panel.ts'

export interface Category {
  id: number
  name: string
  parentId: number | null
}

export function categoryPickers(pickers: HTMLElement, cats: Category[], initial: string[], readonly: boolean) {
  const selects = [0, 1, 2].map((i) => el('select', { name: `category${i}`, 'aria-label': L('panel.level', { n: i + 1 }) }))
  pickers.append(...selects.map((s, i) => el('label', { class: 'inline' }, L('panel.level', { n: i + 1 }), s)))
  const chosenId = (s: HTMLSelectElement) => Number(s.selectedOptions[0]?.dataset.id) || -1

  /** Fill one level's choices under `parentId`, then the levels below; `path` seeds the first fill only. */
  function fill(level: number, parentId: number | null, path: (string | undefined)[]) {
    const s = selects[level]!
    const chosen = path[level]
    const kids = cats.filter((c) => (c.parentId ?? null) === parentId)
    s.replaceChildren(el('option', { value: '' }, L('panel.none')), ...kids.map((c) => el('option', { value: c.name, 'data-id': c.id }, c.name)))
    // A path imported without its categories still shows (and is kept) as it is.
    if (chosen && !kids.some((c) => c.name === chosen)) s.append(el('option', { value: chosen }, chosen))
    s.value = chosen ?? ''
    s.disabled = readonly || (level > 0 && !selects[level - 1]!.value)
    if (level < 2) fill(level + 1, chosenId(s), chosen ? path : [])
  }
  fill(0, null, initial)
  selects.forEach((s, i) => {
    s.addEventListener('change', () => i < 2 && fill(i + 1, chosenId(s), []))
  })
  return () => selects.map((s) => s.value).filter(Boolean)
}
