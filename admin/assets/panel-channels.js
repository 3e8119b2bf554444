// Settings, channel section: collect each channel's fields into its `channels.<channel>`
// setting, check lengths and the accent colour's contrast before sending, ask before a
// channel stops being answered by the bot, then save through the settings API.
;(() => {
  const { L, errorText, say } = window.panel
  const form = document.getElementById('channels-form')
  if (!form) return
  const alertBox = form.querySelector('[role=alert]')
  const statusBox = form.querySelector('[role=status]')
  const minContrast = Number(form.dataset.minContrast)
  const mark = (input, msg) => {
    input.setAttribute('aria-invalid', msg ? 'true' : 'false')
    const slot = input.closest('label')?.querySelector('.field-error')
    if (slot) slot.textContent = msg || ''
    return msg ? [input] : []
  }

  /** WCAG contrast of white on a #rrggbb colour (the same rule the server applies). */
  function contrastWithWhite(hex) {
    const lin = (c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
    const [r, g, b] = [1, 3, 5].map((i) => lin(parseInt(hex.slice(i, i + 2), 16) / 255))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)
  }
  function checkAccent(input) {
    if (!input) return []
    const ok = /^#[0-9a-f]{6}$/i.test(input.value)
    const c = ok ? contrastWithWhite(input.value) : 0
    const sample = input.parentElement.querySelector('.accent-sample')
    if (sample && ok) sample.style.background = input.value
    return mark(input, c >= minContrast ? '' : L('panel.ch.err.contrast', { c: c.toFixed(1), n: minContrast }))
  }
  const accent = form.elements['webchat.accent']
  accent?.addEventListener('input', () => checkAccent(accent))

  function collect() {
    const bad = []
    const body = {}
    for (const set of form.querySelectorAll('fieldset[data-channel]')) {
      const ch = set.dataset.channel
      const field = (name) => form.elements[`${ch}.${name}`]
      const pair = (name) => {
        const out = {}
        for (const lang of ['zh', 'en']) {
          const input = field(`${name}.${lang}`)
          const max = Number(input.dataset.max)
          out[lang] = input.value.trim()
          bad.push(...mark(input, [...out[lang]].length > max ? L('panel.err.tooLong', { n: max }) : ''))
        }
        return out
      }
      const value = { handling: field('handling').value, answerFeedback: field('answerFeedback').checked, greeting: pair('greeting') }
      if (ch === 'webchat') Object.assign(value, { title: pair('title'), subtitle: pair('subtitle'), accent: field('accent').value })
      body[`channels.${ch}`] = value
    }
    bad.push(...checkAccent(accent))
    return { body, bad }
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault()
    say(statusBox, '')
    const { body, bad } = collect()
    if (bad.length) { say(alertBox, L('panel.invalid')); bad[0].focus(); return }
    say(alertBox, '')
    // Turning the bot off on a channel changes what every customer there gets: ask first.
    const nowPeople = [...form.querySelectorAll('select[name$=".handling"]')].filter((s) => s.value === 'people' && s.dataset.was !== 'people')
    const names = nowPeople.map((s) => s.closest('fieldset').querySelector('legend').textContent).join('、')
    if (nowPeople.length && !window.confirm(L('panel.ch.confirmPeople', { names }))) return
    try {
      await window.kefu.api('PUT', '/api/v1/panel/settings', body)
      for (const s of form.querySelectorAll('select[name$=".handling"]')) s.dataset.was = s.value
      say(statusBox, L('panel.settingsSaved'))
    } catch (err) { say(alertBox, errorText(err)) }
  })
})()
