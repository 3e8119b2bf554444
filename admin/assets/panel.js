// Shared helpers of the admin panel's pages. Everything user-typed is put on the page with
// textContent (via el()), never as markup.
;(() => {
  const holder = document.getElementById('panel-strings')
  const strings = JSON.parse(holder?.dataset.strings || '{}')

  /** A translated string with {vars} filled in. */
  function L(key, vars = {}) {
    return (strings[key] ?? key).replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? `{${k}}`))
  }

  /** el('td', {class: 'x'}, 'text', child) — strings become text nodes. */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag)
    for (const [k, v] of Object.entries(attrs ?? {})) {
      if (v === undefined || v === null || v === false) continue
      if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v)
      else node.setAttribute(k, v === true ? '' : String(v))
    }
    for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) node.append(c instanceof Node ? c : String(c))
    return node
  }

  /** A readable message for a failed kefu.api call: the server's field issues when it sent them. */
  function errorText(err) {
    const issues = err?.data?.error?.details?.issues
    const detail = Array.isArray(issues) && issues.length ? issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ') : err?.message
    return L('panel.failed', { msg: detail || String(err) })
  }

  /** Show text in a role=alert / role=status box (hidden when empty). */
  function say(box, text, ...extra) {
    if (!box) return
    box.replaceChildren(...(text ? [text, ...extra] : []))
    box.hidden = !text
  }

  const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—')
  const num = (x) => (Number.isFinite(x) ? Number(x).toFixed(3) : '—')

  window.panel = { L, el, errorText, say, pct, num, locale: holder?.dataset.locale || 'zh' }
})()
