// Restore an old version of an entry (after asking); the API writes it as a new version.
;(() => {
  const { errorText, say } = window.panel
  const list = document.querySelector('[data-testid=versions]')
  if (!list) return
  list.addEventListener('click', async (e) => {
    const b = e.target.closest('button[data-restore]')
    if (!b || !window.confirm(b.dataset.confirmText)) return
    const id = list.dataset.id
    try {
      await window.kefu.api('POST', `/api/v1/kb/entries/${encodeURIComponent(id)}/versions/${b.dataset.restore}/restore`, { version: Number(list.dataset.version) })
      location.assign(`/admin/knowledge/${encodeURIComponent(id)}?saved=restored`)
    } catch (err) {
      say(document.getElementById('history-error'), errorText(err))
    }
  })
})()
