// The agent console: the conversation list (queue / mine / all), the live event stream,
// presence and the heartbeat. Events are hints and the API is the truth: on an event the
// page re-fetches what it shows, and every (re)connection starts with a `ready` event
// that does the same — so a dropped connection loses nothing.
;(() => {
  // Pages with JSON forms (canned responses): submit through the API, then reload.
  document.addEventListener('submit', async (e) => {
    const form = e.target.closest?.('form[data-api]')
    if (!form || e.defaultPrevented) return
    e.preventDefault()
    const [method, url] = form.dataset.api.split(' ')
    try {
      await window.kefu.api(method, url, method === 'DELETE' ? undefined : Object.fromEntries(new FormData(form)))
      location.reload()
    } catch (err) {
      const box = form.querySelector('.error')
      if (box) Object.assign(box, { hidden: false, textContent: err.message })
      else window.alert(err.message)
    }
  })

  const root = document.getElementById('console')
  if (!root) return
  const strings = JSON.parse(root.dataset.strings)
  const t = (k, vars = {}) => (strings[k] ?? k).replace(/\{(\w+)\}/g, (_, v) => String(vars[v] ?? ''))
  const el = (tag, attrs = {}, ...children) => {
    const n = document.createElement(tag)
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue
      if (k.startsWith('on')) n.addEventListener(k.slice(2), v)
      else n.setAttribute(k, v === true ? '' : String(v))
    }
    for (const c of children.flat(2)) if (c != null && c !== false) n.append(c instanceof Node ? c : String(c))
    return n
  }
  const list = document.getElementById('conv-list')
  const state = { view: 'queue', agents: [], canned: [], source: null, timers: {} }
  const later = (key, fn) => { clearTimeout(state.timers[key]); state.timers[key] = setTimeout(fn, 120) }

  async function api(method, url, body) {
    try {
      return await window.kefu.api(method, url, body)
    } catch (err) {
      if (err.status === 401) location.assign(`/login?next=${encodeURIComponent(location.pathname)}`)
      throw err
    }
  }

  // A refusal says why in the agent's language when we know the case; the server's words otherwise.
  function reason(err) {
    const d = err.data?.error?.details ?? {}
    if (err.status !== 409) return err.message
    if (d.status === 'closed' || /closed/i.test(err.message)) return t('console.refused.closed')
    if (d.assigneeId && d.assigneeId !== app.me) return t('console.refused.taken', { name: state.agents.find((a) => a.id === d.assigneeId)?.displayName ?? `#${d.assigneeId}` })
    if (d.status) return t('console.refused.accept')
    return err.message
  }
  const banner = el('p', { class: 'error console-banner', role: 'alert', 'data-testid': 'refused', hidden: true })
  root.before(banner)
  const say = (text) => Object.assign(banner, { hidden: !text, textContent: text ?? '' })

  const app = {
    t, el, me: Number(root.dataset.me), locale: root.dataset.locale, supervisor: root.dataset.role !== 'agent',
    view: document.getElementById('conv-view'),
    agents: () => state.agents,
    canned: () => state.canned,
    open: (id) => openConversation(id),
    /** Run an action; on refusal show the reason and refresh, since our view was stale. */
    async act(id, verb, body) {
      say(null)
      try {
        await api('POST', `/api/v1/console/conversations/${id}/${verb}`, body ?? {})
        if (verb === 'accept') selectView('mine') // what I just took is now in my list
        await Promise.all([loadList(), loadDetail()])
        return true
      } catch (err) {
        say(t('console.refused', { reason: reason(err) }))
        await Promise.all([loadList(), loadDetail()]).catch(() => {})
        return false
      }
    },
  }
  const view = window.kefuConsoleView(app)

  function itemNode(c) {
    const who = c.assigneeName ? ` · ${t('console.handledBy', { name: c.assigneeName })}` : ''
    return el('li', {}, el('button', { type: 'button', class: `conv${c.id === view.id ? ' open' : ''}`, 'data-id': c.id, 'data-testid': 'conv-item', onclick: () => openConversation(c.id) },
      el('span', { class: 'name' }, c.customerName, c.tier === 'vip' ? el('span', { class: 'badge vip' }, t('console.vip')) : null, c.team ? el('span', { class: 'badge' }, t('console.team', { team: c.team })) : null),
      el('span', { class: 'muted small' }, `#${c.id} · ${c.channel} · ${t(`console.status.${c.status}`)}${who}`),
      c.last ? el('span', { class: 'last' }, c.last.text) : null))
  }

  async function loadList() {
    const r = await api('GET', `/api/v1/console/conversations?view=${state.view}`)
    list.replaceChildren(...(r.items.length ? r.items.map(itemNode) : [el('li', { class: 'muted' }, t('console.empty'))]))
    for (const [k, n] of Object.entries(r.counts)) for (const b of root.querySelectorAll(`[data-count="${k}"]`)) b.textContent = n ? `(${n})` : ''
  }
  async function loadDetail() {
    if (view.id) view.render(await api('GET', `/api/v1/console/conversations/${view.id}`))
  }
  async function loadAgents() {
    state.agents = (await api('GET', '/api/v1/console/agents')).items
    const me = state.agents.find((a) => a.id === app.me)
    if (me) document.getElementById('presence').value = me.status
  }

  async function openConversation(id) {
    say(null)
    view.render(await api('GET', `/api/v1/console/conversations/${id}`))
    history.replaceState(null, '', `#c${id}`)
    for (const b of list.querySelectorAll('.conv')) b.classList.toggle('open', Number(b.dataset.id) === id)
    connect()
  }

  function connect() {
    state.source?.close()
    const es = new EventSource(`/api/v1/console/stream${view.id ? `?conversation=${view.id}` : ''}`)
    state.source = es
    const linkState = document.getElementById('link-state')
    es.addEventListener('ready', () => {
      linkState.hidden = true
      void Promise.all([loadList(), loadDetail(), loadAgents()]).catch(() => {})
    })
    es.addEventListener('inbox', (e) => {
      const ev = JSON.parse(e.data)
      later('list', () => loadList().catch(() => {}))
      if (ev.type === 'presence') later('agents', () => loadAgents().catch(() => {}))
      if (ev.type === 'status' && ev.conversationId === view.id) later('detail', () => loadDetail().catch(() => {}))
    })
    es.addEventListener('conversation', (e) => {
      const ev = JSON.parse(e.data)
      if (ev.type === 'message') view.append(ev.message)
      if (ev.type === 'status') later('detail', () => loadDetail().catch(() => {}))
    })
    es.onerror = () => (linkState.hidden = false) // the browser reconnects by itself
  }

  function selectView(name) {
    state.view = name
    for (const b of root.querySelectorAll('[data-view]')) b.setAttribute('aria-selected', String(b.dataset.view === name))
  }
  for (const tab of root.querySelectorAll('[data-view]')) tab.addEventListener('click', () => (selectView(tab.dataset.view), void loadList()))
  document.getElementById('presence').addEventListener('change', (e) => void api('PUT', '/api/v1/console/presence', { status: e.target.value }).then(loadAgents))

  // Opening the console starts work: an offline agent comes online (away stays away).
  void (async () => {
    await loadAgents()
    if ((state.agents.find((a) => a.id === app.me)?.status ?? 'offline') === 'offline') await api('PUT', '/api/v1/console/presence', { status: 'online' }).then(loadAgents)
    state.canned = (await api('GET', '/api/v1/console/canned')).items
  })()
  setInterval(() => void api('POST', '/api/v1/console/heartbeat').catch(() => {}), 20_000)
  const fromHash = Number(location.hash.match(/^#c(\d+)$/)?.[1])
  if (fromHash) void openConversation(fromHash).catch(() => connect())
  else connect()
})()
