// 人员与角色: each staff row saves its own name, role, capacity and teams; disable asks
// first; the add form checks its fields before sending. The server re-checks everything
// (and refuses to lose the last admin); its message is shown as it comes.
;(() => {
  const { L, errorText, say } = window.panel
  const statusBox = document.getElementById('people-status')
  const errorBox = document.getElementById('people-error')

  function mark(input, message) {
    input.setAttribute('aria-invalid', message ? 'true' : 'false')
    const slot = input.parentElement.querySelector('.field-error')
    if (slot) slot.textContent = message || ''
    return !message
  }

  const teamsOf = (v) => [...new Set(v.split(/[,，、;；]/).map((x) => x.trim()).filter(Boolean))]

  function rowBody(row) {
    const q = (n) => row.querySelector(`[name=${n}]`)
    const name = q('displayName').value.trim()
    const capacity = Number(q('capacity').value)
    const teams = teamsOf(q('teams').value)
    const ok = [
      mark(q('displayName'), name ? '' : L('panel.err.required')),
      mark(q('capacity'), Number.isInteger(capacity) && capacity >= 1 && capacity <= 100 ? '' : L('panel.err.number', { min: 1, max: 100 })),
      mark(q('teams'), teams.some((x) => x.length > 50) ? L('panel.err.tooLong', { n: 50 }) : ''),
    ].every(Boolean)
    return ok ? { displayName: name, role: q('role').value, capacity, teams } : null
  }

  async function send(row, body, message) {
    try {
      await window.kefu.api('PATCH', `/api/v1/panel/staff/${row.dataset.staff}`, body)
      say(errorBox, '')
      say(statusBox, message)
      if ('disabled' in body) location.reload()
    } catch (err) { say(statusBox, ''); say(errorBox, errorText(err)) }
  }

  document.addEventListener('click', (e) => {
    const button = e.target.closest?.('[data-act]')
    const row = button?.closest('tr[data-staff]')
    if (!row) return
    const who = row.dataset.username
    if (button.dataset.act === 'save') {
      const body = rowBody(row)
      if (!body) { say(errorBox, L('panel.invalid')); return }
      send(row, body, L('panel.people.saved', { name: who }))
    }
    if (button.dataset.act === 'disable' && window.confirm(button.dataset.confirmText)) send(row, { disabled: true }, L('panel.people.saved', { name: who }))
    if (button.dataset.act === 'enable') send(row, { disabled: false }, L('panel.people.saved', { name: who }))
  })

  const form = document.getElementById('staff-create')
  form?.addEventListener('submit', async (e) => {
    e.preventDefault()
    const f = form.elements
    const username = f.username.value.trim()
    const ok = [
      mark(f.username, !username ? L('panel.err.required') : /^[\w.@-]{2,64}$/.test(username) ? '' : L('panel.people.badUsername')),
      mark(f.displayName, f.displayName.value.trim().length > 100 ? L('panel.err.tooLong', { n: 100 }) : ''),
      mark(f.password, f.password.value.length >= 8 ? '' : L('panel.people.shortPassword')),
    ].every(Boolean)
    if (!ok) { say(errorBox, L('panel.invalid')); form.querySelector('[aria-invalid=true]')?.focus(); return }
    try {
      await window.kefu.api('POST', '/api/v1/panel/staff', { username, displayName: f.displayName.value.trim() || undefined, role: f.role.value, password: f.password.value })
      location.assign('/admin/people?created=' + encodeURIComponent(username))
    } catch (err) {
      say(errorBox, err.status === 409 ? L('panel.people.taken', { name: username }) : errorText(err))
      if (err.status === 409) mark(f.username, L('panel.people.taken', { name: username }))
    }
  })
  const created = new URLSearchParams(location.search).get('created')
  if (created) say(statusBox, L('panel.people.created', { name: created }))
})()
