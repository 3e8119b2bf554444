// Bulk import: send the chosen file as the raw body for a dry run, show what would happen
// (and every rejected line with its reason), and import only when asked and error-free.
;(() => {
  const { L, el, errorText, say } = window.panel
  const form = document.getElementById('import-form')
  const out = document.getElementById('import-report')
  const errorBox = document.getElementById('import-error')
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? ''

  async function send(file, dryRun) {
    const qs = new URLSearchParams({ filename: file.name, dryRun: String(dryRun), status: form.elements.status.value })
    const res = await fetch(`/api/v1/kb/import?${qs}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': csrf, accept: 'application/json' },
      body: await file.arrayBuffer(),
    })
    const data = await res.json().catch(() => ({}))
    if (!res.ok) throw Object.assign(new Error(data?.error?.message ?? res.statusText), { status: res.status, data })
    return data
  }

  const counts = (r) => ({ new: r.new.length, changed: r.changed.length, unchanged: r.unchanged.length, rejected: r.rejected.length })

  function show(report, file) {
    const parts = [el('p', { class: 'summary', 'data-testid': 'import-summary' }, L('panel.import.summary', counts(report)))]
    if (report.rejected.length) {
      parts.push(el('p', { class: 'error' }, L('panel.import.errors')),
        el('ul', { class: 'rejected', 'data-testid': 'import-rejected' }, report.rejected.map((r) => el('li', {}, el('strong', {}, L('panel.import.line', { n: r.line })), ' ', r.reason))))
    }
    const rows = [...report.new.map((r) => [r, L('panel.import.new'), '']), ...report.changed.map((r) => [r, L('panel.import.changed'), r.fields.join(', ')])]
    if (rows.length) {
      parts.push(el('div', { class: 'table-wrap' }, el('table', {}, el('tbody', {}, rows.slice(0, 200).map(([r, kind, fields]) =>
        el('tr', {}, el('td', {}, L('panel.import.line', { n: r.line })), el('td', {}, kind), el('td', {}, r.id), el('td', { class: 'muted' }, fields)))))))
    }
    const n = report.new.length + report.changed.length
    if (!report.rejected.length && n === 0) parts.push(el('p', { class: 'muted' }, L('panel.import.nothing')))
    if (!report.rejected.length && n > 0) {
      const button = el('button', { type: 'button', 'data-testid': 'import-apply' }, L('panel.import.do', { n }))
      button.addEventListener('click', async () => {
        if (!window.confirm(L('panel.import.confirm', counts(report)))) return
        button.disabled = true
        try {
          const done = await send(file, false)
          out.replaceChildren(el('p', { class: 'notice', role: 'status', 'data-testid': 'import-done' }, L('panel.import.done', counts(done))))
        } catch (err) { button.disabled = false; say(errorBox, errorText(err)) }
      })
      parts.push(button)
    }
    out.replaceChildren(el('div', { class: 'card' }, parts))
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    say(errorBox, '')
    const file = form.elements.file.files[0]
    if (!file) { say(errorBox, L('panel.import.pick')); form.elements.file.focus(); return }
    try { show(await send(file, true), file) } catch (err) { out.replaceChildren(); say(errorBox, errorText(err)) }
  })
})()
