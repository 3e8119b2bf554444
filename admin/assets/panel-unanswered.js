// 未知问题: "add as a similar question" opens a picker with the entries search would
// suggest for the question (plus a box to find any other entry); picking one saves it;
// "dismiss" asks first. Handled rows leave the list. Texts go in with textContent (el()).
;(() => {
  const { L, el, errorText, say } = window.panel
  const statusBox = document.getElementById('un-status')
  const errorBox = document.getElementById('un-error')
  const keysOf = (item) => JSON.parse(item.dataset.keys || '[]')

  function done(item, message, ...extra) {
    say(errorBox, '')
    say(statusBox, message, ...extra)
    item.remove()
  }

  async function addTo(item, entry) {
    try {
      const r = await window.kefu.api('POST', '/api/v1/panel/unanswered/similar', { entryId: entry.id, text: item.dataset.sample, keys: keysOf(item) })
      const link = el('a', { href: `/admin/knowledge/${encodeURIComponent(r.entryId)}` }, entry.question)
      const tryIt = el('a', { href: `/admin/knowledge/try?q=${encodeURIComponent(item.dataset.sample)}` }, L('panel.un.try'))
      done(item, L(r.status === 'published' ? 'panel.un.added' : 'panel.un.addedDraft', { v: r.version }), ' ', link, ' · ', tryIt)
    } catch (err) { say(errorBox, errorText(err)) }
  }

  function entryRow(item, entry, score) {
    return el('li', {},
      el('button', { type: 'button', class: 'secondary', 'data-testid': 'un-pick', 'data-entry': entry.id, onclick: () => addTo(item, entry) }, L('panel.un.addHere')),
      ' ', el('a', { href: `/admin/knowledge/${encodeURIComponent(entry.id)}`, target: '_blank' }, entry.question),
      score === undefined ? '' : el('span', { class: 'muted small' }, ` ${L('panel.try.score')} ${Number(score).toFixed(2)}`))
  }

  async function openPicker(item) {
    const box = item.querySelector('.un-picker')
    if (!box.hidden) { box.hidden = true; return }
    box.hidden = false
    box.replaceChildren(el('p', { class: 'muted small' }, L('panel.whatif.loading')))
    const list = el('ul', { class: 'un-candidates', 'data-testid': 'un-candidates' })
    const find = el('input', { type: 'search', maxlength: 200, placeholder: L('panel.un.find'), 'aria-label': L('panel.un.find') })
    const found = el('ul', { class: 'un-candidates' })
    let timer
    find.addEventListener('input', () => {
      clearTimeout(timer)
      timer = setTimeout(async () => {
        const q = find.value.trim()
        if (!q) { found.replaceChildren(); return }
        try {
          const r = await window.kefu.api('GET', `/api/v1/kb/entries?limit=10&q=${encodeURIComponent(q)}`)
          found.replaceChildren(...(r.items.length ? r.items.map((e) => entryRow(item, e)) : [el('li', { class: 'muted small' }, L('panel.try.none'))]))
        } catch (err) { say(errorBox, errorText(err)) }
      }, 250)
    })
    try {
      const r = await window.kefu.api('POST', '/api/v1/kb/search', { text: item.dataset.sample, limit: 5 })
      list.replaceChildren(...(r.candidates.length ? r.candidates.map((c) => entryRow(item, { id: c.entryId, question: c.question }, c.score)) : [el('li', { class: 'muted small' }, L('panel.try.none'))]))
    } catch (err) { say(errorBox, errorText(err)) }
    box.replaceChildren(el('p', { class: 'small' }, L('panel.un.suggested')), list, find, found)
    find.focus({ preventScroll: true })
  }

  async function dismiss(item, button) {
    if (!window.confirm(button.dataset.confirmText)) return
    try {
      await window.kefu.api('POST', '/api/v1/panel/unanswered/dismiss', { sample: item.dataset.sample, keys: keysOf(item), source: item.dataset.source || 'question' })
      done(item, L('panel.un.dismissed'))
    } catch (err) { say(errorBox, errorText(err)) }
  }

  document.addEventListener('click', (e) => {
    const button = e.target.closest?.('[data-act]')
    const item = button?.closest('.un-item')
    if (!item) return
    if (button.dataset.act === 'similar') openPicker(item)
    if (button.dataset.act === 'dismiss') dismiss(item, button)
  })
})()
