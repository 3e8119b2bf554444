// The entry editor's fields: similar questions (add, remove, reorder — by mouse or keyboard),
// the three category pickers, validity dates and the per-channel preview.
;(() => {
  const { el, L } = window.panel
  const form = document.getElementById('entry-form')
  if (!form) return
  const readonly = form.querySelector('fieldset')?.disabled

  // ---- similar questions ----
  const list = document.getElementById('similar-list')
  function row(text = '') {
    const input = el('input', { class: 'similar-input', value: text, maxlength: 500, placeholder: L('panel.similar.placeholder'), 'aria-label': L('panel.similar.placeholder') })
    const li = el('li', {}, input,
      el('button', { type: 'button', class: 'icon', 'data-move': '-1', title: L('panel.up'), 'aria-label': L('panel.up') }, '↑'),
      el('button', { type: 'button', class: 'icon', 'data-move': '1', title: L('panel.down'), 'aria-label': L('panel.down') }, '↓'),
      el('button', { type: 'button', class: 'icon', 'data-remove': '', title: L('panel.remove'), 'aria-label': L('panel.remove') }, '×'),
      el('span', { class: 'field-error' }))
    return li
  }
  function move(li, by) {
    const target = by < 0 ? li.previousElementSibling : li.nextElementSibling?.nextElementSibling
    if (by < 0 && !target) return
    list.insertBefore(li, target ?? null)
    li.querySelector('input').focus()
  }
  function add(after, text = '') {
    const li = row(text)
    list.insertBefore(li, after ? after.nextElementSibling : null)
    li.querySelector('input').focus()
  }
  for (const q of JSON.parse(form.dataset.similar || '[]')) list.append(row(q))
  document.getElementById('similar-add')?.addEventListener('click', () => add(null))
  list.addEventListener('click', (e) => {
    const b = e.target.closest('button')
    if (!b) return
    const li = b.closest('li')
    if (b.dataset.move) move(li, Number(b.dataset.move))
    if (b.hasAttribute('data-remove')) {
      const next = li.nextElementSibling ?? li.previousElementSibling
      li.remove()
      ;(next?.querySelector('input') ?? document.getElementById('similar-add'))?.focus()
    }
  })
  list.addEventListener('keydown', (e) => {
    const li = e.target.closest('li')
    if (!li || e.target.tagName !== 'INPUT') return
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) { e.preventDefault(); add(li) }
    else if (e.altKey && e.key === 'ArrowUp') { e.preventDefault(); move(li, -1) }
    else if (e.altKey && e.key === 'ArrowDown') { e.preventDefault(); move(li, 1) }
    else if (e.key === 'Backspace' && e.target.value === '' && list.children.length > 0) {
      e.preventDefault()
      const prev = li.previousElementSibling ?? li.nextElementSibling
      li.remove()
      prev?.querySelector('input')?.focus()
    }
  })

  // ---- category: three cascading selects by name (entries store the path by name) ----
  const cats = JSON.parse(form.dataset.categories || '[]')
  const initial = JSON.parse(form.dataset.path || '[]')
  const pickers = document.getElementById('category-pickers')
  const selects = [0, 1, 2].map((i) => el('select', { name: `category${i}`, 'aria-label': L('panel.level', { n: i + 1 }) }))
  pickers.append(...selects.map((s, i) => el('label', { class: 'inline' }, L('panel.level', { n: i + 1 }), s)))
  function fill(level, parentId, chosen) {
    const s = selects[level]
    const kids = cats.filter((c) => (c.parentId ?? null) === parentId)
    s.replaceChildren(el('option', { value: '' }, L('panel.none')), ...kids.map((c) => el('option', { value: c.name, 'data-id': c.id }, c.name)))
    // A path imported without its categories still shows (and is kept) as it is.
    if (chosen && !kids.some((c) => c.name === chosen)) s.append(el('option', { value: chosen }, chosen))
    s.value = chosen ?? ''
    s.disabled = readonly || (level > 0 && !selects[level - 1].value)
    const id = Number(s.selectedOptions[0]?.dataset.id) || -1
    if (level < 2) fill(level + 1, id, chosen ? initialAt(level + 1) : undefined)
  }
  let seeding = true
  const initialAt = (i) => (seeding ? initial[i] : undefined)
  fill(0, null, initial[0])
  seeding = false
  selects.forEach((s, i) => s.addEventListener('change', () => { if (i < 2) fill(i + 1, Number(s.selectedOptions[0]?.dataset.id) || -1, undefined) }))

  // ---- validity window: stored as UTC instants, edited in local time ----
  const local = (iso) => { if (!iso) return ''; const d = new Date(iso); d.setMinutes(d.getMinutes() - d.getTimezoneOffset()); return d.toISOString().slice(0, 16) }
  form.elements.validFrom.value = local(form.dataset.validFrom)
  form.elements.validTo.value = local(form.dataset.validTo)

  // ---- preview per channel ----
  const box = document.getElementById('preview-box')
  const tabs = [...form.querySelectorAll('[role=tab]')]
  let channel = 'webchat'
  let shown = { text: null, result: null }
  let asked = 0
  function preview() {
    const override = form.elements[`channel-${channel}`].value.trim()
    const input = { answer: form.elements.answer.value.trim(), override, buttons: window.panelPreview.parseButtons(form.elements.buttons.value) }
    const text = override || input.answer
    box.replaceChildren(...window.panelPreview.render(channel, input, shown.text === text ? shown.result : null))
    if (shown.text === text) return
    // Only the latest request may draw, so a slow answer for an older text never wins.
    const mine = ++asked
    void window.panelPreview.rendered(text).then((result) => {
      if (mine !== asked || !result) return
      shown = { text, result }
      preview()
    })
  }
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => { channel = tab.dataset.channel; tabs.forEach((x) => x.setAttribute('aria-selected', String(x === tab))); preview() })
    tab.addEventListener('keydown', (e) => {
      const to = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i + tabs.length - 1) % tabs.length] : null
      if (to) { e.preventDefault(); to.focus(); to.click() }
    })
  })
  form.addEventListener('input', preview)
  preview()

  window.entryFields = {
    similar: () => [...list.querySelectorAll('input')],
    categoryPath: () => selects.map((s) => s.value).filter(Boolean),
  }
})()
