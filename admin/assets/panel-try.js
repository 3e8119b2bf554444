// 试一试: send the message to POST /api/v1/kb/search and show the decision, the candidates
// with every score component, the thresholds in force, and the answer the bot would send.
;(() => {
  const { L, el, errorText, say, num } = window.panel
  const form = document.getElementById('try-form')
  const out = document.getElementById('try-result')
  const errorBox = document.getElementById('try-error')

  async function run(text) {
    say(errorBox, '')
    const r = await window.kefu.api('POST', '/api/v1/kb/search', { text, limit: 5 })
    const t = r.thresholds
    const parts = [
      el('div', { class: `card decision ${r.decision}`, 'data-testid': 'decision', 'data-decision': r.decision },
        el('h2', {}, L(`panel.decision.${r.decision}`)),
        el('p', { class: 'muted' }, L(`panel.try.why.${r.decision}`)),
        el('p', { class: 'small', 'data-testid': 'thresholds' }, L('panel.try.thresholds', { source: L(`panel.src.${t.source}`), answer: num(t.answer), margin: num(t.margin), clarify: num(t.clarify) }))),
    ]
    if (r.decision === 'answer' && r.candidates[0]) {
      const entry = await window.kefu.api('GET', `/api/v1/kb/entries/${encodeURIComponent(r.candidates[0].entryId)}`)
      parts.push(el('div', { class: 'card' }, el('h3', {}, L('panel.try.answerText')), el('div', { class: 'bubble pre', 'data-testid': 'answer-text' }, entry.answer)))
    }
    parts.push(candidates(r.candidates, r.decision))
    out.replaceChildren(...parts)
  }

  function candidates(list, decision) {
    if (!list.length) return el('p', { class: 'card muted' }, L('panel.try.none'))
    const head = ['#', L('panel.try.candidates'), L('panel.try.score'), L('panel.try.matched'), L('panel.try.vector'), L('panel.try.entry'), L('panel.try.keyword')]
    return el('div', { class: 'card table-wrap' }, el('table', { 'data-testid': 'candidates' },
      el('thead', {}, el('tr', {}, head.map((h) => el('th', {}, h)))),
      el('tbody', {}, list.map((c, i) => el('tr', { class: decision === 'answer' && i === 0 ? 'chosen' : undefined },
        el('td', {}, String(i + 1)),
        el('td', {}, el('a', { href: `/admin/knowledge/${encodeURIComponent(c.entryId)}` }, c.question), el('div', { class: 'muted small' }, c.entryId)),
        el('td', {}, el('meter', { min: 0, max: 1, value: c.score }), ' ', num(c.score)),
        el('td', {}, c.reason.matchedQuestion),
        el('td', {}, num(c.reason.vector)),
        el('td', {}, num(c.reason.entry)),
        el('td', {}, num(c.reason.keyword)))))))
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    const text = form.elements.text.value.trim()
    if (!text) { say(errorBox, L('panel.err.required')); form.elements.text.focus(); return }
    history.replaceState(null, '', `?q=${encodeURIComponent(text)}`)
    try { await run(text) } catch (err) { say(errorBox, errorText(err)) }
  })
  if (form.elements.text.value.trim()) form.requestSubmit()
})()
