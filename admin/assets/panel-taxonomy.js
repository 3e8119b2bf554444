// Category and synonym forms: each form[data-api="METHOD /path"] is checked here, sent as
// JSON through kefu.api, and the page reloads to show the saved tree. app.js has already
// asked for confirmation on forms marked data-confirm (a "no" prevents the submit).
;(() => {
  const { L, errorText, say } = window.panel

  function payload(form) {
    const body = {}
    const name = form.elements.name
    if (name) {
      const v = name.value.trim()
      if (!v || v.includes('/')) return { error: L('panel.err.name'), field: name }
      body.name = v
    }
    if (form.elements.parentId) body.parentId = Number(form.elements.parentId.value)
    const terms = form.elements.terms
    if (terms) {
      const list = [...new Set(terms.value.split(/[,，、;；\n]/).map((x) => x.trim()).filter(Boolean))]
      if (list.length < 2) return { error: L('panel.err.terms'), field: terms }
      body.terms = list
    }
    return { body }
  }

  document.addEventListener('submit', async (e) => {
    const form = e.target.closest?.('form[data-api]')
    if (!form || e.defaultPrevented) return
    e.preventDefault()
    const [method, url] = form.dataset.api.split(' ')
    const alertBox = form.querySelector('[role=alert]') ?? form.parentElement.querySelector('[role=alert]')
    const p = method === 'DELETE' ? { body: undefined } : payload(form)
    if (p.error) { say(alertBox, p.error); p.field.setAttribute('aria-invalid', 'true'); p.field.focus(); return }
    try {
      await window.kefu.api(method, url, p.body)
      location.reload()
    } catch (err) {
      if (alertBox) say(alertBox, errorText(err))
      else window.alert(errorText(err))
    }
  })
})()
