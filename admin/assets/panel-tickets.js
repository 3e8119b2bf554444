// 工单控制台: bulk assignment on the list; status moves, priority, assignee, notes, replies
// and merging a duplicate (after a confirmation) on the detail. Everything goes through the ticket API; the server's refusals are shown as
// they come (a 409 names the allowed moves). Text is only ever set with textContent.
;(() => {
  const { L, errorText, say } = window.panel
  const statusBox = document.getElementById('tk-status')
  const errorBox = document.getElementById('tk-error')
  const ok = (text) => { say(errorBox, ''); say(statusBox, text) }
  const fail = (text) => { say(statusBox, ''); say(errorBox, text) }

  // ---- list: select all, bulk assign ----
  const all = document.getElementById('tk-all')
  all?.addEventListener('change', () => { for (const b of document.querySelectorAll('.tk-pick')) b.checked = all.checked })

  document.getElementById('tk-bulk-assign')?.addEventListener('click', async (e) => {
    const numbers = [...document.querySelectorAll('.tk-pick:checked')].map((b) => b.value)
    const agent = Number(document.getElementById('tk-bulk-agent').value)
    if (!numbers.length) return fail(L('panel.tk.pickSome'))
    if (!agent) return fail(L('panel.tk.pickAgent'))
    e.target.disabled = true
    const results = await Promise.allSettled(numbers.map((n) => window.kefu.api('POST', `/api/v1/tickets/${encodeURIComponent(n)}/assign`, { assigneeId: agent })))
    const bad = results.filter((r) => r.status === 'rejected')
    e.target.disabled = false
    if (!bad.length) {
      ok(L('panel.tk.assigned', { n: numbers.length }))
      location.reload()
    } else {
      fail(L('panel.tk.partial', { ok: numbers.length - bad.length, bad: bad.length, msg: errorText(bad[0].reason) }))
    }
  })

  // ---- detail ----
  const detail = document.getElementById('tk-detail')
  if (!detail) return
  const number = encodeURIComponent(detail.dataset.number)
  const labels = JSON.parse(detail.dataset.labels || '{}')
  const base = `/api/v1/tickets/${number}`

  function conflictText(err, to) {
    const d = err?.data?.error?.details
    if (err?.status === 409 && d && Array.isArray(d.allowed)) {
      return L('panel.tk.notAllowed', { from: labels[d.status] ?? d.status, to: labels[to] ?? to, allowed: d.allowed.map((s) => labels[s] ?? s).join('、') || '—' })
    }
    return errorText(err)
  }

  async function run(button, call, describe = errorText) {
    button.disabled = true
    try {
      await call()
      ok(L('panel.tk.saved'))
      location.reload()
    } catch (err) {
      fail(describe(err))
      button.disabled = false
    }
  }

  const text = (id) => document.getElementById(id).value.trim()

  // A refused merge says why (into itself, closed, already merged, another customer).
  function mergeErrorText(err) {
    const d = err?.data?.error?.details
    return d?.reason ? L(`panel.tk.merge.${d.reason}`, { number: d.number ?? '' }) : errorText(err)
  }

  detail.addEventListener('click', (e) => {
    const b = e.target.closest?.('button[data-act]')
    if (!b) return
    const act = b.dataset.act
    if (act === 'move') {
      const note = text('tk-move-note')
      run(b, () => window.kefu.api('POST', `${base}/status`, { to: b.dataset.to, ...(note ? { note } : {}) }), (err) => conflictText(err, b.dataset.to))
    } else if (act === 'priority') {
      run(b, () => window.kefu.api('POST', `${base}/priority`, { priority: document.getElementById('tk-priority').value }))
    } else if (act === 'assign') {
      run(b, () => window.kefu.api('POST', `${base}/assign`, { assigneeId: Number(document.getElementById('tk-assignee').value) }))
    } else if (act === 'merge') {
      const from = b.dataset.from
      if (!window.confirm(L('panel.tk.mergeConfirm', { from, into: detail.dataset.number }))) return
      run(b, () => window.kefu.api('POST', `${base}/merge`, { from: [from] }), mergeErrorText)
    } else if (act === 'note' || act === 'reply') {
      const body = text(act === 'note' ? 'tk-note-text' : 'tk-reply-text')
      if (!body) return fail(L('panel.tk.empty'))
      run(b, () => window.kefu.api('POST', `${base}/${act === 'note' ? 'notes' : 'replies'}`, { text: body }))
    }
  })
})()
