// The open conversation in the agent console: header with the actions this agent may
// take, the messages, the reply box, and the side panel (hand-off summary, customer,
// past conversations). Customer text only ever enters the page as text nodes, never HTML.
window.kefuConsoleView = (app) => {
  const { t, el } = app
  const time = (d) => new Date(d).toLocaleString(app.locale === 'zh' ? 'zh-CN' : 'en', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })
  let current = null

  const sender = (m) => (m.senderType === 'agent' ? m.senderName || t('console.sender.agent') : t(`console.sender.${m.senderType}`))
  const messageNode = (m) =>
    el('li', { class: `msg ${m.senderType}${m.isPrivate ? ' private' : ''}`, 'data-id': m.id, 'data-testid': 'message' },
      el('div', { class: 'meta' }, m.isPrivate ? `${t('console.note')} · ${sender(m)}` : sender(m), ` · ${time(m.createdAt)}`),
      el('div', { class: 'text' }, m.text),
      m.parts?.buttons?.length ? el('div', { class: 'chips' }, m.parts.buttons.map((b) => el('span', { class: 'chip' }, b.label))) : null)

  function actions(d) {
    const c = d.conversation
    const mine = c.status === 'agent' && (c.assigneeId === app.me || app.supervisor)
    const post = (verb, body) => app.act(c.id, verb, body)
    const out = []
    if (c.status === 'waiting') out.push(el('button', { type: 'button', 'data-testid': 'accept', onclick: () => post('accept') }, t('console.accept')))
    if (app.supervisor && c.status !== 'closed') {
      const pick = el('select', { 'aria-label': t('console.assign'), 'data-testid': 'assign-agent' }, el('option', { value: '' }, t('console.assign')),
        app.agents().filter((a) => a.id !== c.assigneeId).map((a) => el('option', { value: a.id }, `${a.displayName} · ${t(`console.presence.${a.status}`)} · ${t('console.load', { load: a.load })}`)))
      out.push(el('span', { class: 'group' }, pick, el('button', { type: 'button', class: 'secondary', onclick: () => pick.value && post('assign', { agentId: Number(pick.value) }) }, t('console.assign.do'))))
    }
    if (mine) {
      out.push(el('button', { type: 'button', class: 'secondary', 'data-testid': 'transfer', onclick: () => transferDialog(c) }, t('console.transfer')))
      out.push(el('button', { type: 'button', class: 'secondary', 'data-testid': 'return', onclick: () => post('return') }, t('console.return')))
    }
    if (c.status !== 'closed' && (c.status !== 'agent' || mine)) {
      out.push(el('button', { type: 'button', class: 'secondary', 'data-testid': 'close', onclick: () => window.confirm(t('console.close.confirm')) && post('close') }, t('console.close')))
    }
    return el('div', { class: 'actions' }, out)
  }

  function transferDialog(c) {
    const agent = el('select', { name: 'agent' }, el('option', { value: '' }, '—'),
      app.agents().filter((a) => a.id !== app.me).map((a) => el('option', { value: a.id }, `${a.displayName} · ${t(`console.presence.${a.status}`)}`)))
    const team = el('input', { name: 'team', maxlength: 60 })
    const note = el('textarea', { name: 'note', rows: 3, maxlength: 1000 })
    const dialog = el('dialog', { class: 'transfer', 'data-testid': 'transfer-dialog' },
      el('form', { method: 'dialog' },
        el('label', {}, t('console.transfer.agent'), agent), el('label', {}, t('console.transfer.team'), team), el('label', {}, t('console.transfer.note'), note),
        el('div', { class: 'actions' }, el('button', { value: 'ok' }, t('console.transfer.do')), el('button', { value: 'cancel', class: 'secondary' }, t('console.cancel')))))
    dialog.addEventListener('close', () => {
      dialog.remove()
      if (dialog.returnValue !== 'ok' || (!agent.value && !team.value.trim())) return
      app.act(c.id, 'transfer', agent.value ? { toAgentId: Number(agent.value), note: note.value || undefined } : { toTeam: team.value.trim(), note: note.value || undefined })
    })
    document.body.append(dialog)
    dialog.showModal()
  }

  function replyBox(c) {
    const text = el('textarea', { id: 'reply', rows: 3, maxlength: 4000, placeholder: t('console.reply.placeholder'), 'aria-label': t('console.reply.send'), 'data-testid': 'reply' })
    const priv = el('input', { type: 'checkbox', 'data-testid': 'private' })
    const send = el('button', { type: 'submit', 'data-testid': 'send' }, t('console.reply.send'))
    const hints = el('ul', { class: 'canned-hints', hidden: true })
    const matches = () => (/^\/[\w-]*$/.test(text.value) ? app.canned().filter((x) => `/${x.shortcut}`.startsWith(text.value)).slice(0, 6) : [])
    const showHints = () => {
      const found = matches()
      hints.replaceChildren(...found.map((x) => el('li', {}, el('button', { type: 'button', class: 'link', onclick: () => { text.value = `/${x.shortcut}`; text.focus(); showHints() } }, `/${x.shortcut}`), ` ${x.text.slice(0, 80)}`)))
      hints.hidden = found.length === 0
    }
    const form = el('form', { class: 'reply', 'data-testid': 'reply-form' }, hints, text,
      el('div', { class: 'row' }, el('label', { class: 'check' }, priv, t('console.reply.private')), send))
    priv.addEventListener('change', () => { send.textContent = t(priv.checked ? 'console.reply.note' : 'console.reply.send'); form.classList.toggle('private', priv.checked) })
    text.addEventListener('input', showHints)
    text.addEventListener('keydown', (e) => {
      if (e.key === 'Tab' && !e.shiftKey && matches()[0] && text.value !== `/${matches()[0].shortcut}`) { e.preventDefault(); text.value = `/${matches()[0].shortcut}`; showHints() }
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); form.requestSubmit() }
    })
    form.addEventListener('submit', async (e) => {
      e.preventDefault()
      const value = text.value
      if (!value.trim()) return
      text.value = '' // cleared before the view re-renders, which keeps whatever draft is left
      if (!(await app.act(c.id, 'messages', { text: value, private: priv.checked }))) {
        const box = document.getElementById('reply')
        if (box && !box.value) box.value = value
      }
    })
    return form
  }

  /** A known code in words (bot answer kinds, tiers, hand-off reasons); an unknown one as it is. */
  const label = (group, code) => {
    const key = `console.${group}.${code}`
    return t(key) === key ? code : t(key)
  }

  // What the agent must know before typing: why it came to people, who this is, what happened before.
  function sidePanel(d) {
    const s = d.handoff.summary
    const reason = d.handoff.reason && label('reason', d.handoff.reason)
    const summary = s
      ? [reason && el('p', {}, t('console.summary.reason', { reason })),
         el('h4', {}, t('console.summary.asked')), el('ul', {}, (s.asked ?? []).map((q) => el('li', {}, q))),
         el('h4', {}, t('console.summary.tried')), el('ul', {}, (s.botTried ?? []).map((b) => el('li', {}, el('span', { class: 'muted' }, `${label('kind', b.kind)}: `), b.text)))]
      : el('p', { class: 'muted' }, t('console.summary.none'))
    const cu = d.customer
    const row = (k, v) => (v ? [el('dt', {}, t(`console.profile.${k}`)), el('dd', {}, v)] : [])
    const history = d.history.length
      ? el('ul', { class: 'history' }, d.history.map((h) => el('li', {}, el('button', { type: 'button', class: 'link', onclick: () => app.open(h.id) }, `#${h.id} · ${time(h.createdAt)}`),
          ` ${t(`console.status.${h.status}`)} · ${t('console.history.messages', { n: h.messageCount })}`, h.firstText ? el('div', { class: 'muted' }, h.firstText) : null)))
      : el('p', { class: 'muted' }, t('console.history.none'))
    return el('aside', { class: 'conv-side' },
      el('section', { 'data-testid': 'handoff-summary' }, el('h3', {}, t('console.summary')), summary),
      el('section', { 'data-testid': 'profile' }, el('h3', {}, t('console.profile')),
        el('dl', {}, row('tier', label('tier', cu.tier)), row('phone', cu.phone), row('email', cu.email), row('tags', cu.tags.join(', ')), row('notes', cu.notes))),
      el('section', {}, el('h3', {}, t('console.identities')), el('ul', {}, d.identities.map((i) => el('li', {}, `${i.channel} · ${i.displayName ?? i.externalId}`)))),
      el('section', { 'data-testid': 'history' }, el('h3', {}, t('console.history')), history))
  }

  return {
    get id() { return current?.conversation.id ?? null },
    render(d) {
      const draft = current?.conversation.id === d.conversation.id ? document.getElementById('reply') : null
      // The draft survives a re-render — and so must "private note": a note typed as private
      // and sent after a live update re-drew the box would otherwise go to the customer.
      const keep = draft && { value: draft.value, focused: document.activeElement === draft, private: app.view.querySelector('[data-testid=private]')?.checked }
      current = d
      const c = d.conversation
      const name = d.customer.name || d.identities[0]?.displayName || d.customer.id
      const status = `${t(`console.status.${c.status}`)}${c.assigneeName ? ` · ${t('console.handledBy', { name: c.assigneeName })}` : ''}`
      const messages = el('ol', { class: 'messages', 'data-testid': 'messages' }, d.messages.map(messageNode))
      const main = el('div', { class: 'conv-main' },
        el('header', { class: 'conv-head' }, el('h2', {}, name, d.customer.tier === 'vip' ? el('span', { class: 'badge vip' }, t('console.vip')) : null),
          el('p', { class: 'muted', 'data-testid': 'conv-status' }, `#${c.id} · ${c.channel} · ${status}`), actions(d)),
        messages, c.status !== 'closed' || app.supervisor ? replyBox(c) : null)
      app.view.replaceChildren(main, sidePanel(d))
      messages.scrollTop = messages.scrollHeight
      const box = document.getElementById('reply')
      if (keep && box) { box.value = keep.value; if (keep.focused) box.focus() }
      const priv = app.view.querySelector('[data-testid=private]')
      if (keep?.private && priv) { priv.checked = true; priv.dispatchEvent(new Event('change')) }
    },
    append(m) {
      if (!current || m.conversationId !== current.conversation.id) return
      const list = app.view.querySelector('.messages')
      if (!list || list.querySelector(`[data-id="${m.id}"]`)) return
      list.append(messageNode(m))
      list.scrollTop = list.scrollHeight
    },
  }
}
