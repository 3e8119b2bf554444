// Knowledge list, bulk actions: tick rows (or the whole page), pick an action and apply it
// through POST /api/v1/kb/entries/bulk with the versions this page showed, so an entry
// edited meanwhile stops the action instead of being overwritten. Deleting and unpublishing
// ask first. The server applies all or nothing; its refusal is shown as it says.
;(() => {
  const { L, errorText, say } = window.panel
  const form = document.getElementById('kb-bulk')
  if (!form) return
  const all = document.getElementById('kb-all')
  const picks = () => [...document.querySelectorAll('.kb-pick')]
  const picked = () => picks().filter((b) => b.checked)
  const count = document.getElementById('kb-bulk-count')
  const alertBox = form.querySelector('[role=alert]')
  const statusBox = form.querySelector('[role=status]')
  const DONE_KEY = 'kefu.kb.bulkDone'

  function refresh() {
    const n = picked().length
    count.textContent = n ? L('panel.bulk.count', { n }) : L('panel.bulk.none')
    all.checked = n > 0 && n === picks().length
    all.indeterminate = n > 0 && n < picks().length
  }
  all.addEventListener('change', () => {
    for (const b of picks()) b.checked = all.checked
    refresh()
  })
  document.addEventListener('change', (e) => { if (e.target.classList?.contains('kb-pick')) refresh() })

  // Only the field the chosen action needs is shown.
  const action = form.elements.action
  function showFields() {
    for (const f of form.querySelectorAll('[data-for]')) f.hidden = !f.dataset.for.split(' ').includes(action.value)
  }
  action.addEventListener('change', showFields)

  function body() {
    const rows = picked()
    const out = { action: action.value, ids: rows.map((b) => b.value), versions: Object.fromEntries(rows.map((b) => [b.value, Number(b.dataset.version)])) }
    if (action.value === 'move') out.categoryPath = form.elements.category.value ? form.elements.category.value.split('/') : []
    if (action.value === 'addTag' || action.value === 'removeTag') out.tag = form.elements.tag.value.trim()
    return out
  }

  function refusal(err) {
    const d = err?.data?.error?.details
    if (err?.status === 404 && Array.isArray(d?.unknown)) return L('panel.bulk.unknown', { ids: d.unknown.join(', ') })
    if (err?.status === 409 && Array.isArray(d?.changedSince)) return L('panel.bulk.stale', { n: d.changedSince.length })
    return errorText(err)
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    say(statusBox, '')
    const b = body()
    const tagInput = form.elements.tag
    const tagSlot = tagInput.closest('label').querySelector('.field-error')
    tagInput.setAttribute('aria-invalid', 'false')
    tagSlot.textContent = ''
    if (!b.ids.length) { say(alertBox, L('panel.bulk.pickSome')); all.focus(); return }
    if ('tag' in b && (!b.tag || b.tag.length > 50)) {
      const msg = b.tag ? L('panel.err.tooLong', { n: 50 }) : L('panel.err.required')
      tagInput.setAttribute('aria-invalid', 'true')
      tagSlot.textContent = msg
      say(alertBox, L('panel.invalid'))
      tagInput.focus()
      return
    }
    say(alertBox, '')
    if ((b.action === 'delete' || b.action === 'unpublish') && !window.confirm(L(`panel.bulk.confirm.${b.action}`, { n: b.ids.length }))) return
    const button = form.querySelector('[type=submit]')
    button.disabled = true
    say(statusBox, L('panel.bulk.working', { n: b.ids.length }))
    try {
      const r = await window.kefu.api('POST', '/api/v1/kb/entries/bulk', b)
      const done = b.action === 'delete' ? L('panel.bulk.deleted', { n: r.changed.length }) : L('panel.bulk.done', { changed: r.changed.length, unchanged: r.unchanged.length })
      sessionStorage.setItem(DONE_KEY, done) // shown again after the reload that redraws the list
      location.reload()
    } catch (err) {
      say(statusBox, '')
      say(alertBox, refusal(err))
      button.disabled = false
    }
  })

  const done = sessionStorage.getItem(DONE_KEY)
  if (done) {
    sessionStorage.removeItem(DONE_KEY)
    say(statusBox, done)
  }
  showFields()
  refresh()
})()
