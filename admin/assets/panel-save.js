// The entry editor's save path: validate with field messages, save as draft or publish,
// explain a 409 (someone else saved first) and offer a reload, delete after asking.
;(() => {
  const { L, el, errorText, say } = window.panel
  const form = document.getElementById('entry-form')
  if (!form) return
  const f = form.elements
  const errorBox = document.getElementById('form-error')
  const statusBox = document.getElementById('form-status')
  const id = () => form.dataset.id

  function mark(input, message) {
    input.setAttribute('aria-invalid', message ? 'true' : 'false')
    const slot = input.parentElement.querySelector('.field-error')
    if (slot) slot.textContent = message || ''
  }

  function validate() {
    const bad = []
    const check = (input, message) => { mark(input, message); if (message) bad.push(input) }
    if (f.id) check(f.id, f.id.value.trim() && !/^[\w.:-]{1,100}$/.test(f.id.value.trim()) ? 'a-z 0-9 . : - _' : '')
    check(f.question, !f.question.value.trim() ? L('panel.err.required') : '')
    check(f.answer, !f.answer.value.trim() ? L('panel.err.required') : '')
    const seen = new Set([f.question.value.trim()])
    for (const input of window.entryFields.similar()) {
      const v = input.value.trim()
      check(input, v && seen.has(v) ? L('panel.err.duplicate') : '')
      if (v) seen.add(v)
    }
    const buttons = window.panelPreview.parseButtons(f.buttons.value)
    check(f.buttons, buttons.length > 8 || buttons.some((b) => b.label.length > 40 || !b.label) ? L('panel.err.tooLong', { n: 40 }) : '')
    check(f.tags, tags().some((x) => x.length > 50) ? L('panel.err.tooLong', { n: 50 }) : '')
    check(f.validTo, f.validFrom.value && f.validTo.value && f.validTo.value <= f.validFrom.value ? L('panel.err.dates') : '')
    return bad
  }

  const tags = () => [...new Set(f.tags.value.split(/[,，;；]/).map((x) => x.trim()).filter(Boolean))]
  const instant = (v) => (v ? new Date(v).toISOString() : null)

  function body(status) {
    const channelAnswers = {}
    for (const ch of ['webchat', 'wechat', 'telegram', 'teams']) {
      const v = f[`channel-${ch}`].value.trim()
      if (v) channelAnswers[ch] = v
    }
    // Personal WeChat (wechaty) shows text exactly like the official account: one override serves both.
    if (channelAnswers.wechat) channelAnswers.wechaty = channelAnswers.wechat
    return {
      question: f.question.value.trim(),
      similarQuestions: window.entryFields.similar().map((i) => i.value.trim()).filter(Boolean),
      answer: f.answer.value.trim(),
      answerExtras: { buttons: window.panelPreview.parseButtons(f.buttons.value) },
      channelAnswers,
      categoryPath: window.entryFields.categoryPath(),
      tags: tags(),
      status,
      validFrom: instant(f.validFrom.value),
      validTo: instant(f.validTo.value),
      ownerId: f.ownerId.value ? Number(f.ownerId.value) : null,
    }
  }

  async function save(intent) {
    say(errorBox, '')
    const bad = validate()
    if (bad.length) { say(errorBox, L('panel.invalid')); bad[0].focus(); return }
    const status = intent === 'publish' ? 'published' : 'draft'
    say(statusBox, L('panel.saving'))
    try {
      if (!id()) {
        const created = await window.kefu.api('POST', '/api/v1/kb/entries', { ...body(status), ...(f.id.value.trim() ? { id: f.id.value.trim() } : {}) })
        location.assign(`/admin/knowledge/${encodeURIComponent(created.id)}?saved=${status}`)
        return
      }
      const saved = await window.kefu.api('PUT', `/api/v1/kb/entries/${encodeURIComponent(id())}`, { ...body(status), version: Number(form.dataset.version) })
      form.dataset.version = String(saved.version)
      const badge = document.querySelector('[data-testid=entry-status]')
      if (badge) { badge.textContent = L(`panel.status.${saved.status}`); badge.className = `status ${saved.status}` }
      say(statusBox, L(status === 'published' ? 'panel.published' : 'panel.saved', { v: saved.version }))
    } catch (err) {
      say(statusBox, '')
      if (err.status === 409 && err.data?.error?.details?.currentVersion) {
        const reload = el('button', { type: 'button', class: 'secondary', 'data-testid': 'conflict-reload', onclick: () => location.reload() }, L('panel.reload'))
        say(errorBox, L('panel.conflict', { v: err.data.error.details.currentVersion }), ' ', reload)
      } else say(errorBox, errorText(err))
      errorBox.scrollIntoView({ block: 'nearest' })
    }
  }

  form.addEventListener('submit', (e) => { e.preventDefault(); save(e.submitter?.value ?? 'draft') })
  document.addEventListener('keydown', (e) => {
    if (!(e.ctrlKey || e.metaKey) || form.querySelector('fieldset').disabled) return
    if (e.key === 's') { e.preventDefault(); save('draft') }
    if (e.key === 'Enter') { e.preventDefault(); save('publish') }
  })

  const saved = new URLSearchParams(location.search).get('saved')
  const notes = { published: 'panel.published', draft: 'panel.saved', restored: 'panel.restored' }
  if (notes[saved]) say(statusBox, L(notes[saved], { v: form.dataset.version }))

  document.getElementById('entry-delete')?.addEventListener('click', async (e) => {
    if (!window.confirm(e.currentTarget.dataset.confirmText)) return
    try {
      await window.kefu.api('DELETE', `/api/v1/kb/entries/${encodeURIComponent(id())}`, { version: Number(form.dataset.version) })
      location.assign('/admin/knowledge')
    } catch (err) { say(errorBox, err.status === 409 ? L('panel.conflict', { v: err.data?.error?.details?.currentVersion ?? '?' }) : errorText(err)) }
  })
})()
