// Settings: the threshold override with a live what-if (debounced), and the handoff /
// office-hours form. Both validate before sending and ask before changing the bot.
;(() => {
  const { L, errorText, say, pct } = window.panel
  const th = document.getElementById('thresholds-form')
  const box = (form, role) => form.querySelector(`[role=${role}]`)
  const mark = (input, msg) => {
    input.setAttribute('aria-invalid', msg ? 'true' : 'false')
    const slot = input.closest('label, fieldset')?.querySelector('.field-error')
    if (slot) slot.textContent = msg || ''
    return msg ? [input] : []
  }
  // The server refuses a zone Intl does not know (bot/settings.ts); the browser's Intl knows the same names.
  const knownZone = (zone) => { try { new Intl.DateTimeFormat('en', { timeZone: zone }); return true } catch { return false } }

  function proposed() {
    const v = {}
    const bad = []
    for (const k of ['answer', 'margin', 'clarify']) {
      const input = th.elements[k]
      v[k] = Number(input.value)
      const ok = input.value.trim() !== '' && Number.isFinite(v[k]) && v[k] >= 0 && v[k] <= 1
      bad.push(...mark(input, ok ? '' : L('panel.err.number', { min: 0, max: 1 })))
    }
    if (!bad.length && v.clarify > v.answer) bad.push(...mark(th.elements.clarify, L('panel.err.clarifyAbove')))
    return { v, bad }
  }

  let timer
  async function whatIf() {
    const { v, bad } = proposed()
    if (bad.length) return
    const basis = th.querySelector('.basis')
    say(basis, L('panel.whatif.loading'))
    try {
      const r = await window.kefu.api('GET', `/api/v1/panel/what-if?${new URLSearchParams(v)}`)
      for (const row of th.querySelectorAll('[data-metric]')) {
        const k = row.dataset.metric
        row.querySelector('.now').textContent = pct(r.now[k] ?? NaN)
        row.querySelector('.proposed').textContent = pct(r.proposed[k] ?? NaN)
      }
      const src = r.source === 'calibration' ? basis.dataset.srcCalibration : basis.dataset.srcSearch
      say(basis, r.examples.total ? basis.dataset.basis.replace('{n}', r.examples.total).replace('{source}', src) : basis.dataset.empty)
      th.querySelector('#whatif').dataset.ready = JSON.stringify(v)
    } catch (err) { say(basis, errorText(err)) }
  }
  th.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(whatIf, 300) })
  whatIf()

  async function putOverride(override, confirmText) {
    if (!window.confirm(confirmText)) return
    try {
      await window.kefu.api('PUT', '/api/v1/kb/thresholds', { override })
      location.assign('/admin/settings?saved=1')
    } catch (err) { say(box(th, 'alert'), errorText(err)) }
  }
  th.addEventListener('submit', (e) => {
    e.preventDefault()
    const { v, bad } = proposed()
    if (bad.length) { say(box(th, 'alert'), L('panel.invalid')); bad[0].focus(); return }
    say(box(th, 'alert'), '')
    putOverride(v, e.submitter?.dataset.confirmText ?? th.querySelector('[type=submit]').dataset.confirmText)
  })
  document.getElementById('clear-override')?.addEventListener('click', (e) => putOverride(null, e.currentTarget.dataset.confirmText))
  if (new URLSearchParams(location.search).get('saved')) say(box(th, 'status'), L('panel.settingsSaved'))

  // ---- handoff and office hours ----
  const sf = document.getElementById('settings-form')
  const f = sf.elements
  f.alwaysOpen.addEventListener('change', () => { document.getElementById('hours-fields').disabled = f.alwaysOpen.checked })

  function collect() {
    const bad = []
    const int = (input, min, max) => {
      const n = Number(input.value)
      bad.push(...mark(input, Number.isInteger(n) && n >= min && n <= max ? '' : L('panel.err.number', { min, max })))
      return n
    }
    const num = (input, min, max) => {
      const n = Number(input.value)
      bad.push(...mark(input, Number.isFinite(n) && n >= min && n <= max ? '' : L('panel.err.number', { min, max })))
      return n
    }
    const keywords = [...new Set(f.keywords.value.split('\n').map((x) => x.trim()).filter(Boolean))]
    bad.push(...mark(f.keywords, keywords.some((k) => k.length > 30) ? L('panel.err.tooLong', { n: 30 }) : ''))
    const body = {
      'handoff.keywords': keywords,
      'handoff.waitTimeoutSec': int(f.waitTimeoutSec, 10, 86400),
      'handoff.fallbacksBeforeOffer': int(f.fallbacksBeforeOffer, 1, 10),
      'handoff.autoAssign': f.autoAssign.checked,
      'surveys.scale': f.surveyScale.value,
      'surveys.delaySec': int(f.surveyDelaySec, 0, 604800),
      'surveys.expireHours': num(f.surveyExpireHours, 0.1, 720),
      'surveys.answerFeedback': f.answerFeedback.checked,
      officeHours: null,
    }
    if (!f.alwaysOpen.checked) {
      const days = [...sf.querySelectorAll('input[name=days]:checked')].map((x) => Number(x.value))
      const holidays = f.holidays.value.split('\n').map((x) => x.trim()).filter(Boolean)
      const badDate = holidays.find((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d)))
      bad.push(...mark(f.timezone, !f.timezone.value.trim() ? L('panel.err.required') : knownZone(f.timezone.value.trim()) ? '' : L('panel.err.timezone')))
      bad.push(...mark(f.end, /^\d\d:\d\d$/.test(f.start.value) && /^\d\d:\d\d$/.test(f.end.value) && f.start.value < f.end.value ? '' : L('panel.err.time')))
      const dayBox = sf.querySelector('fieldset.days .field-error')
      dayBox.textContent = days.length ? '' : L('panel.err.days')
      if (!days.length) bad.push(sf.querySelector('input[name=days]'))
      bad.push(...mark(f.holidays, badDate ? L('panel.err.date', { d: badDate }) : ''))
      body.officeHours = { timezone: f.timezone.value.trim(), days, start: f.start.value, end: f.end.value, holidays }
    }
    return { body, bad }
  }

  sf.addEventListener('submit', async (e) => {
    e.preventDefault()
    say(box(sf, 'status'), '')
    const { body, bad } = collect()
    if (bad.length) { say(box(sf, 'alert'), L('panel.invalid')); bad[0].focus(); return }
    say(box(sf, 'alert'), '')
    try {
      await window.kefu.api('PUT', '/api/v1/panel/settings', body)
      say(box(sf, 'status'), L('panel.settingsSaved'))
    } catch (err) { say(box(sf, 'alert'), errorText(err)) }
  })
})()
